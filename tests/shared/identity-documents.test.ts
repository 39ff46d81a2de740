import {
  checkIdNumber,
  checkProfileInput,
  DOCUMENT_TYPES,
  IDENTITY_MESSAGES,
  type IdentityMessageKey,
  identityMessage,
  maskIdNumber,
  type ProfileDraft,
  profileCreateRequest,
  residentIdCheckChar,
  validateForeignPermanentId,
  validateHkMacaoPermit,
  validateTaiwanPermit,
} from '@hospital/shared';

const TODAY = new Date('2026-12-01T04:00:00Z');
const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);

/** A 2023 Foreign Permanent Resident ID: 9, issued in Shanghai (31), nationality 840, born 1985-03-15, a man. */
const FOREIGN_2023 = withCheck('93184019850315121');
const RESIDENT = withCheck('11010519800101123'); // a man born 1980-01-01

describe('document numbers, by type', () => {
  it('港澳居民来往内地通行证: H or M and 8 digits; the 2-digit issue count typed after it is dropped', () => {
    expect(validateHkMacaoPermit(' h12345678 ')).toEqual({ ok: true, normalized: 'H12345678' });
    expect(validateHkMacaoPermit('M87654321')).toEqual({ ok: true, normalized: 'M87654321' });
    expect(validateHkMacaoPermit('H1234567801')).toEqual({ ok: true, normalized: 'H12345678' });
    for (const bad of ['H1234567', 'H123456789', 'K12345678', '12345678', 'H12345678012', 'H1234 5678']) {
      expect(validateHkMacaoPermit(bad)).toEqual({ ok: false, reason: 'FORMAT' });
    }
  });

  it('台湾居民来往大陆通行证: the card’s 8 digits', () => {
    expect(validateTaiwanPermit(' 01234567 ')).toEqual({ ok: true, normalized: '01234567' });
    for (const bad of ['1234567', '123456789', '1234567A', '0123456789(B)']) {
      expect(validateTaiwanPermit(bad)).toEqual({ ok: false, reason: 'FORMAT' });
    }
  });

  it('外国人永久居留身份证, 2017 form: 3 letters and 12 digits, no facts read from it', () => {
    expect(validateForeignPermanentId('usa310185031201', TODAY)).toEqual({
      ok: true,
      normalized: 'USA310185031201',
    });
    expect(validateForeignPermanentId('US3101850312011', TODAY)).toEqual({ ok: false, reason: 'FORMAT' });
  });

  it('外国人永久居留身份证, 2023 form: 18 characters from 9, GB 11643 checksum, birth date and sex read', () => {
    expect(validateForeignPermanentId(FOREIGN_2023, TODAY)).toEqual({
      ok: true,
      normalized: FOREIGN_2023,
      birthDate: '1985-03-15',
      sex: 'MALE',
    });
    const wrongCheck = FOREIGN_2023.slice(0, 17) + (FOREIGN_2023.endsWith('0') ? '1' : '0');
    expect(validateForeignPermanentId(wrongCheck, TODAY)).toEqual({ ok: false, reason: 'CHECKSUM' });
    expect(validateForeignPermanentId(withCheck('93184019850230121'), TODAY)).toEqual({
      ok: false,
      reason: 'BIRTH_DATE',
    });
    // Not issued in a mainland province (9 then 00), or a resident ID's first digit.
    expect(validateForeignPermanentId(withCheck('90084019850315121'), TODAY)).toEqual({
      ok: false,
      reason: 'FORMAT',
    });
    expect(validateForeignPermanentId(RESIDENT, TODAY)).toEqual({ ok: false, reason: 'FORMAT' });
  });

  it('checkIdNumber gives each type’s message, in Chinese and English', () => {
    const cases: [Parameters<typeof checkIdNumber>[0], string, IdentityMessageKey][] = [
      ['RESIDENT_ID', '110105198001011230', 'residentIdChecksum'],
      ['RESIDENT_ID', '1101051980', 'residentIdFormat'],
      ['HK_MACAO_PERMIT', 'H123', 'hkMacaoPermit'],
      ['TAIWAN_PERMIT', 'T1234567', 'taiwanPermit'],
      ['FOREIGN_PERMANENT_ID', 'US123', 'foreignIdFormat'],
      ['FOREIGN_PERMANENT_ID', withCheck('93184020991231121'), 'foreignIdBirthDate'],
      ['PASSPORT', 'E1', 'passport'],
      ['PASSPORT', '   ', 'idNumberRequired'],
    ];
    for (const [type, raw, key] of cases)
      expect(checkIdNumber(type, raw, TODAY)).toEqual({ ok: false, message: key });
    expect(identityMessage('hkMacaoPermit')).toBe('港澳居民来往内地通行证号码格式不正确，应为H或M加8位数字');
    expect(identityMessage('hkMacaoPermit', 'en')).toMatch(/H or M and 8 digits/);
  });

  it('every message has both languages, and they differ', () => {
    for (const [key, m] of Object.entries(IDENTITY_MESSAGES)) {
      expect([key, m.zh.length > 0, m.en.length > 0, /[\u4e00-\u9fff]/.test(m.en)]).toEqual([
        key,
        true,
        true,
        false,
      ]);
    }
  });
});

describe('masks per document type', () => {
  it('18-character numbers show their first and last character only', () => {
    expect(maskIdNumber(FOREIGN_2023, 'FOREIGN_PERMANENT_ID')).toBe(
      `9${'*'.repeat(16)}${FOREIGN_2023.at(-1)}`,
    );
  });

  it('permits and the 2017 permanent-residence number show one character and the last two', () => {
    expect(maskIdNumber('H12345678', 'HK_MACAO_PERMIT')).toBe('H******78');
    expect(maskIdNumber('01234567', 'TAIWAN_PERMIT')).toBe('0*****67');
    expect(maskIdNumber('USA310185031201', 'FOREIGN_PERMANENT_ID')).toBe('U************01');
    // Masking a mask changes nothing.
    expect(maskIdNumber('H******78', 'HK_MACAO_PERMIT')).toBe('H******78');
  });

  it('every valid number of every type is masked to at most half its characters', () => {
    const samples: Record<(typeof DOCUMENT_TYPES)[number], string[]> = {
      RESIDENT_ID: [RESIDENT],
      HK_MACAO_PERMIT: ['H12345678', 'M00000001'],
      TAIWAN_PERMIT: ['87654321'],
      FOREIGN_PERMANENT_ID: ['CAN110190010100', FOREIGN_2023],
      PASSPORT: ['E12345678', 'AB123', 'G1234567890123456'],
    };
    for (const type of DOCUMENT_TYPES) {
      for (const raw of samples[type]) {
        const checked = checkIdNumber(type, raw, TODAY);
        if (!checked.ok) throw new Error(`${type} ${raw} should be valid`);
        const masked = maskIdNumber(checked.normalized, type);
        const shown = Array.from(masked).filter((c) => c !== '*').length;
        expect({ type, raw, halfHidden: shown <= Math.floor(masked.length / 2) }).toEqual({
          type,
          raw,
          halfHidden: true,
        });
      }
    }
  });
});

const base = { name: '李华', phone: '13800138000' };
const keys = (draft: ProfileDraft) =>
  checkProfileInput(draft, TODAY).issues.map((i) => `${i.field}:${i.key}`);

describe('checkProfileInput: every field problem at once', () => {
  it('an empty form reports each field, not only the first', () => {
    expect(keys({ name: '', phone: '', idType: 'PASSPORT', idNumber: '' })).toEqual([
      'name:nameRequired',
      'phone:mobile',
      'idNumber:idNumberRequired',
      'birthDate:birthDateRequired',
      'sex:sexRequired',
    ]);
  });

  it('a resident ID gives the birth date and sex; while it is wrong they are not asked for', () => {
    expect(checkProfileInput({ ...base, idType: 'RESIDENT_ID', idNumber: RESIDENT }, TODAY).identity).toEqual(
      {
        idType: 'RESIDENT_ID',
        idNumber: RESIDENT,
        birthDate: '1980-01-01',
        sex: 'MALE',
        guardian: null,
      },
    );
    expect(keys({ ...base, idType: 'RESIDENT_ID', idNumber: '1101' })).toEqual(['idNumber:residentIdFormat']);
    expect(
      keys({ ...base, idType: 'RESIDENT_ID', idNumber: RESIDENT, birthDate: '1980-01-02', sex: 'FEMALE' }),
    ).toEqual(['birthDate:birthDateMismatch', 'sex:sexMismatch']);
  });

  it('the 2023 permanent-residence ID gives them too; the 2017 form, permits and passports need them', () => {
    expect(
      checkProfileInput({ ...base, idType: 'FOREIGN_PERMANENT_ID', idNumber: FOREIGN_2023 }, TODAY).identity,
    ).toMatchObject({ birthDate: '1985-03-15', sex: 'MALE' });
    for (const [idType, idNumber] of [
      ['FOREIGN_PERMANENT_ID', 'USA310185031201'],
      ['HK_MACAO_PERMIT', 'H12345678'],
      ['TAIWAN_PERMIT', '12345678'],
      ['PASSPORT', 'E12345678'],
    ] as const) {
      expect(keys({ ...base, idType, idNumber })).toEqual(['birthDate:birthDateRequired', 'sex:sexRequired']);
      expect(keys({ ...base, idType, idNumber, birthDate: '2026-12-02', sex: 'MALE' })).toEqual([
        'birthDate:birthDateInvalid',
      ]);
      expect(keys({ ...base, idType, idNumber, birthDate: '1990-02-28', sex: 'FEMALE' })).toEqual([]);
    }
  });

  it('a child without an ID: no own number, the guardian’s name and document, a birth date under 16', () => {
    const child: ProfileDraft = {
      ...base,
      name: '王小雨',
      idType: 'CHILD_NO_ID',
      birthDate: '2023-06-18',
      sex: 'FEMALE',
      guardianName: '王芳',
      guardianIdType: 'RESIDENT_ID',
      guardianIdNumber: RESIDENT.toLowerCase(),
    };
    expect(checkProfileInput(child, TODAY)).toEqual({
      issues: [],
      identity: {
        idType: 'CHILD_NO_ID',
        idNumber: null,
        birthDate: '2023-06-18',
        sex: 'FEMALE',
        guardian: { name: '王芳', idType: 'RESIDENT_ID', idNumber: RESIDENT },
      },
    });
    expect(
      keys({
        ...child,
        idNumber: RESIDENT,
        guardianName: ' ',
        guardianIdNumber: 'H123',
        guardianIdType: 'HK_MACAO_PERMIT',
        birthDate: undefined,
        sex: undefined,
      }),
    ).toEqual([
      'idNumber:childNoNumber',
      'guardianName:guardianNameRequired',
      'guardianIdNumber:hkMacaoPermit',
      'birthDate:birthDateRequired',
      'sex:sexRequired',
    ]);
    expect(keys({ ...child, guardianIdType: undefined })).toEqual(['guardianIdType:guardianIdTypeRequired']);
    // 16 on 2026-12-01: registers with an ID of their own; the day before that birthday still a child.
    expect(keys({ ...child, birthDate: '2010-12-01' })).toEqual(['birthDate:childTooOld']);
    expect(keys({ ...child, birthDate: '2010-12-02' })).toEqual([]);
  });

  it('guardian fields on a profile with its own document are refused', () => {
    expect(keys({ ...base, idType: 'RESIDENT_ID', idNumber: RESIDENT, guardianName: '王芳' })).toEqual([
      'guardianName:guardianNotApplicable',
    ]);
  });

  it('the contract reports the same issues, in Chinese, with the key for other languages', () => {
    const parsed = profileCreateRequest.safeParse({
      name: '',
      idType: 'TAIWAN_PERMIT',
      idNumber: '1234',
      phone: '123',
      relationship: 'SELF',
    });
    expect(parsed.success).toBe(false);
    expect(
      parsed.error?.issues.map((i) => [
        i.path.join('.'),
        i.message,
        (i as { params?: { key?: string } }).params?.key,
      ]),
    ).toEqual([
      ['name', '请输入就诊人姓名', 'nameRequired'],
      ['phone', '请输入正确的11位手机号码', 'mobile'],
      ['idNumber', '台湾居民来往大陆通行证号码格式不正确，应为8位数字', 'taiwanPermit'],
      ['birthDate', '请选择出生日期', 'birthDateRequired'],
      ['sex', '请选择性别', 'sexRequired'],
    ]);
  });
});
