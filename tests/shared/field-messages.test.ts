import fs from 'node:fs';
import path from 'node:path';
import {
  FIELD_MESSAGES,
  IDENTITY_MESSAGES,
  localFieldMessage,
  localName,
  profileCreateRequest,
  reasonText,
  SERVER_REASONS,
  slotsQuery,
  stopClinicReason,
} from '../../shared/src';

describe('field messages in English (docs/decisions/026)', () => {
  test('a contract’s own message, by its Chinese text or its key; zod’s own and unknown text as they are', () => {
    expect(localFieldMessage('请输入用户名', 'en')).toBe('Enter the username');
    expect(localFieldMessage('请输入用户名', 'zh-CN')).toBe('请输入用户名');
    expect(localFieldMessage('请输入正确的11位手机号码', 'en')).toBe(
      'Enter an 11-digit mainland mobile number',
    );
    expect(localFieldMessage('x', 'en', { key: 'nameRequired' })).toBe('Enter the patient’s name');
    expect(localFieldMessage('饮水前', 'en', { en: 'Before drinking' })).toBe('Before drinking');
    expect(localFieldMessage('Invalid input: expected string', 'en')).toBe('Invalid input: expected string');
    expect(localFieldMessage('医生手写的一句话', 'en')).toBe('医生手写的一句话');
  });

  test('a schema’s issues come out in English: a refinement and the identity checks', () => {
    const none = slotsQuery.safeParse({});
    expect(none.success).toBe(false);
    expect(none.error!.issues.map((i) => localFieldMessage(i.message, 'en'))).toEqual([
      'Give a department, a doctor or an exam service',
    ]);
    const bad = profileCreateRequest.safeParse({
      name: '',
      idType: 'PASSPORT',
      idNumber: '1',
      phone: '1',
      relationship: 'SELF',
      birthDate: '1990-01-01',
      sex: 'FEMALE',
    });
    const words = bad.error!.issues.map((i) =>
      localFieldMessage(i.message, 'en', (i as { params?: { key?: string } }).params),
    );
    expect(words).toEqual(
      expect.arrayContaining([
        'Enter the patient’s name',
        'Enter an 11-digit mainland mobile number',
        'A passport number has 5 to 17 letters or digits',
      ]),
    );
    expect(words.join(' ')).not.toMatch(/\p{Script=Han}/u);
  });

  test('one Chinese sentence names one message, across the tables', () => {
    const all = [...Object.values(FIELD_MESSAGES), ...Object.values(IDENTITY_MESSAGES)];
    const byZh = new Map<string, string>();
    for (const m of all) {
      expect(byZh.get(m.zh) ?? m.en).toBe(m.en);
      byZh.set(m.zh, m.en);
      expect(m.en).not.toMatch(/\p{Script=Han}/u);
    }
  });

  test('no contract states a Chinese message of its own: each comes from a table', () => {
    const dir = path.resolve(__dirname, '../../shared/src/contracts');
    const known = new Set<string>(Object.values(FIELD_MESSAGES).map((m) => m.zh));
    const stray: string[] = [];
    for (const file of fs.readdirSync(dir)) {
      const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        const code = line.trim();
        // Comments and OpenAPI summaries/descriptions are for developers, not for patients' screens.
        if (/^(\/\/|\*|\/\*)/.test(code) || /^(summary|description):/.test(code)) return;
        if (/^'[^']*',?$/.test(code) && /^\s*(summary|description):\s*$/.test(lines[i - 1] ?? '')) return;
        for (const m of code.matchAll(/(['"`])((?:(?!\1).)*\p{Script=Han}(?:(?!\1).)*)\1/gu)) {
          if (!known.has(m[2]!)) stray.push(`${file}:${i + 1}: ${m[2]}`);
        }
      });
    }
    expect(stray).toEqual([]);
  });
});

describe('localName', () => {
  test('English where the data has it, else the hospital’s name', () => {
    expect(localName({ name: '心血管内科', nameEn: 'Cardiology' }, 'en')).toBe('Cardiology');
    expect(localName({ name: '心血管内科', nameEn: 'Cardiology' }, 'zh-CN')).toBe('心血管内科');
    expect(localName({ name: '心血管内科', nameEn: null }, 'en')).toBe('心血管内科');
    expect(localName({ name: '心血管内科', nameEn: '  ' }, 'en')).toBe('心血管内科');
    expect(localName({ name: '心血管内科' }, 'en')).toBe('心血管内科');
  });
});

describe('reasons the server writes', () => {
  test('in English for an English reader; a person’s own words as typed', () => {
    expect(reasonText(SERVER_REASONS.patientCancelled.zh, 'en')).toBe('Cancelled by the patient');
    expect(reasonText(SERVER_REASONS.patientCancelled.zh, 'zh-CN')).toBe('患者取消预约');
    expect(reasonText(stopClinicReason('医生外出会诊'), 'en')).toBe('Clinic stopped: 医生外出会诊');
    expect(reasonText('患者要求', 'en')).toBe('患者要求');
    expect(reasonText(null, 'en')).toBeNull();
  });
});
