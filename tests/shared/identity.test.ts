import { z } from 'zod';
import {
  ageOn,
  isMainlandMobile,
  maskIdNumber,
  maskName,
  maskPhone,
  mobileSchema,
  normalizeMobile,
  passportSchema,
  residentIdCheckChar,
  residentIdSchema,
  validatePassport,
  validateResidentId,
} from '../../shared/src/identity';

// Independent check-digit oracle: derives each weight as 2^(17-i) mod 11 instead of using
// the published weight table, so a typo in the implementation's table would be caught.
function oracleCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  }
  return '10X98765432'.charAt(sum % 11);
}

/** Builds a resident id with a correct check character from its first 17 digits. */
function withCheck(first17: string): string {
  return first17 + oracleCheckChar(first17);
}

const TODAY = new Date('2024-06-01T04:00:00Z'); // 2024-06-01 12:00 in China

describe('residentIdCheckChar', () => {
  it('matches hand-computed values', () => {
    // 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167, 167 mod 11 = 2 → X
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    // sum 174, 174 mod 11 = 9 → 3
    expect(residentIdCheckChar('11010119900307123')).toBe('3');
    // sum 217, 217 mod 11 = 8 → 4
    expect(residentIdCheckChar('44030819990101000')).toBe('4');
  });

  it('agrees with the independent oracle on many prefixes', () => {
    for (let n = 0; n < 500; n += 1) {
      const prefix = `1101011990010${String(n).padStart(4, '0')}`;
      expect(residentIdCheckChar(prefix)).toBe(oracleCheckChar(prefix));
    }
  });

  it('rejects input that is not 17 digits', () => {
    expect(() => residentIdCheckChar('1234')).toThrow(RangeError);
  });
});

describe('validateResidentId', () => {
  it('accepts the well-known sample with an X check character', () => {
    expect(validateResidentId('11010519491231002X', TODAY)).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'FEMALE',
    });
  });

  it('accepts a male id and a female id with numeric check digits', () => {
    expect(validateResidentId('110101199003071233', TODAY)).toEqual({
      ok: true,
      normalized: '110101199003071233',
      birthDate: '1990-03-07',
      sex: 'MALE',
    });
    expect(validateResidentId('440308199901010004', TODAY)).toEqual({
      ok: true,
      normalized: '440308199901010004',
      birthDate: '1999-01-01',
      sex: 'FEMALE',
    });
  });

  it('normalizes a lowercase x and surrounding spaces', () => {
    expect(validateResidentId('  11010519491231002x ', TODAY)).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'FEMALE',
    });
  });

  it('uses the current date when no reference date is given', () => {
    expect(validateResidentId('110101199003071233').ok).toBe(true);
  });

  it('reports a wrong check character as CHECKSUM', () => {
    expect(validateResidentId('110101199003071234', TODAY)).toEqual({ ok: false, reason: 'CHECKSUM' });
    expect(validateResidentId('110105194912310021', TODAY)).toEqual({ ok: false, reason: 'CHECKSUM' });
    // A single transposed pair of digits is caught by MOD 11-2.
    expect(validateResidentId('110101199003071323', TODAY)).toEqual({ ok: false, reason: 'CHECKSUM' });
  });

  it('accepts 29 February only in leap years', () => {
    expect(validateResidentId('110105200002290013', TODAY)).toEqual({
      ok: true,
      normalized: '110105200002290013',
      birthDate: '2000-02-29',
      sex: 'MALE',
    });
    expect(validateResidentId(withCheck('11010519960229002'), TODAY)).toMatchObject({
      ok: true,
      birthDate: '1996-02-29',
    });
    // Check characters are correct, so the date is the only thing wrong.
    expect(validateResidentId('110105202302290014', TODAY)).toEqual({ ok: false, reason: 'BIRTH_DATE' });
    // 1900 is divisible by 100 but not 400: not a leap year.
    expect(validateResidentId('110105190002290017', TODAY)).toEqual({ ok: false, reason: 'BIRTH_DATE' });
  });

  it('rejects impossible months and days', () => {
    for (const date of ['19901301', '19900001', '19900431', '19900100', '19901232']) {
      expect(validateResidentId(withCheck(`110101${date}001`), TODAY)).toEqual({
        ok: false,
        reason: 'BIRTH_DATE',
      });
    }
  });

  it('rejects birth dates in the future and accepts today', () => {
    expect(validateResidentId(withCheck('11010120240602001'), TODAY)).toEqual({
      ok: false,
      reason: 'BIRTH_DATE',
    });
    expect(validateResidentId(withCheck('11010120240601001'), TODAY)).toMatchObject({
      ok: true,
      birthDate: '2024-06-01',
    });
  });

  it('judges "today" by the China calendar date, not UTC', () => {
    // 2024-06-01T16:30Z is already 2024-06-02 00:30 in Beijing.
    const justAfterMidnightInChina = new Date('2024-06-01T16:30:00Z');
    expect(validateResidentId(withCheck('11010120240602001'), justAfterMidnightInChina)).toMatchObject({
      ok: true,
      birthDate: '2024-06-02',
    });
    const justBeforeMidnightInChina = new Date('2024-06-01T15:59:59Z');
    expect(validateResidentId(withCheck('11010120240602001'), justBeforeMidnightInChina)).toEqual({
      ok: false,
      reason: 'BIRTH_DATE',
    });
  });

  it('rejects birth dates before 1900-01-01', () => {
    expect(validateResidentId(withCheck('11010118991231001'), TODAY)).toEqual({
      ok: false,
      reason: 'BIRTH_DATE',
    });
    expect(validateResidentId(withCheck('11010119000101001'), TODAY)).toMatchObject({
      ok: true,
      birthDate: '1900-01-01',
    });
  });

  it('rejects unknown province codes as FORMAT even with a valid checksum', () => {
    for (const province of [
      '00',
      '10',
      '16',
      '20',
      '24',
      '38',
      '47',
      '55',
      '60',
      '66',
      '72',
      '84',
      '90',
      '99',
    ]) {
      expect(validateResidentId(withCheck(`${province}010119900307123`), TODAY)).toEqual({
        ok: false,
        reason: 'FORMAT',
      });
    }
  });

  it('accepts every listed province code', () => {
    const provinces = [
      '11',
      '12',
      '13',
      '14',
      '15',
      '21',
      '22',
      '23',
      '31',
      '32',
      '33',
      '34',
      '35',
      '36',
      '37',
      '41',
      '42',
      '43',
      '44',
      '45',
      '46',
      '50',
      '51',
      '52',
      '53',
      '54',
      '61',
      '62',
      '63',
      '64',
      '65',
      '71',
      '81',
      '82',
      '83',
      '91',
    ];
    for (const province of provinces) {
      expect(validateResidentId(withCheck(`${province}010119900307123`), TODAY).ok).toBe(true);
    }
  });

  it('refuses old 15-digit ids and other malformed input as FORMAT', () => {
    for (const input of [
      '110105491231002', // 15-digit first-generation id
      '',
      '11010519491231002', // 17 digits
      '11010519491231002X1', // 19 characters
      'X10105194912310021', // X outside the last position
      '11010519491231002Y',
      '1101051949 1231002X', // inner space is not trimmed
      '１１０１０５１９４９１２３１００２Ｘ', // full-width digits
    ]) {
      expect(validateResidentId(input, TODAY)).toEqual({ ok: false, reason: 'FORMAT' });
    }
  });

  it('throws on an invalid reference date', () => {
    expect(() => validateResidentId('110101199003071233', new Date('nope'))).toThrow(RangeError);
  });
});

describe('validatePassport', () => {
  it('accepts 5 to 17 letters or digits, trimmed and upper-cased', () => {
    expect(validatePassport(' e12345678 ')).toEqual({ ok: true, normalized: 'E12345678' });
    expect(validatePassport('AB123')).toEqual({ ok: true, normalized: 'AB123' });
    expect(validatePassport('A'.repeat(17))).toEqual({ ok: true, normalized: 'A'.repeat(17) });
  });

  it('rejects wrong lengths and characters', () => {
    for (const input of ['AB12', 'A'.repeat(18), 'E1234-5678', 'E1234 5678', 'É12345678', '']) {
      expect(validatePassport(input)).toEqual({ ok: false, reason: 'FORMAT' });
    }
  });
});

describe('mobile numbers', () => {
  it('normalizes plain, +86, 86 and separated forms', () => {
    expect(normalizeMobile('13812345678')).toBe('13812345678');
    expect(normalizeMobile('+8613812345678')).toBe('13812345678');
    expect(normalizeMobile('+86 138 1234 5678')).toBe('13812345678');
    expect(normalizeMobile('8619912345678')).toBe('19912345678');
    expect(normalizeMobile(' 138-1234-5678 ')).toBe('13812345678');
  });

  it('rejects numbers that are not mainland mobiles', () => {
    for (const input of [
      '12812345678',
      '1381234567',
      '138123456789',
      '+85213812345678',
      '010-12345678',
      '+13812345678',
      '',
      '1381234567a',
    ]) {
      expect(normalizeMobile(input)).toBeNull();
      expect(isMainlandMobile(input)).toBe(false);
    }
  });

  it('accepts every 1[3-9] prefix', () => {
    for (const second of ['3', '4', '5', '6', '7', '8', '9']) {
      expect(isMainlandMobile(`1${second}012345678`)).toBe(true);
    }
    expect(isMainlandMobile('+86 150-0000-0000')).toBe(true);
  });
});

describe('maskIdNumber', () => {
  it('shows only the first and last character of a resident id', () => {
    expect(maskIdNumber('110101199003071234')).toBe('1****************4');
    expect(maskIdNumber('11010519491231002X')).toBe('1****************X');
  });

  it('keeps a quarter of a passport number at each end (a 9-character one shows 4)', () => {
    expect(maskIdNumber('E12345678')).toBe('E1*****78');
    expect(maskIdNumber('AB123')).toBe('A***3');
    expect(maskIdNumber('G1234567890123456')).toBe('G12***********456');
  });

  it('keeps one character at each end of 4 to 7 characters, and hides shorter values completely', () => {
    expect(maskIdNumber('1234567')).toBe('1*****7');
    expect(maskIdNumber('ABCD')).toBe('A**D');
    expect(maskIdNumber('ABC')).toBe('***');
    expect(maskIdNumber('AB')).toBe('**');
    expect(maskIdNumber('A')).toBe('*');
    expect(maskIdNumber('')).toBe('');
  });

  it('re-masks a mask stored under the earlier rule (4 + 4) to the same answer as the clear number', () => {
    expect(maskIdNumber('1101**********1234')).toBe(maskIdNumber('110101199003071234'));
    expect(maskIdNumber('E123*5678')).toBe(maskIdNumber('E12345678'));
  });
});

/** A small seeded PRNG (mulberry32), so the property runs below are reproducible. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), a | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('masks hide at least half of any identifier, whatever its type and length (property)', () => {
  const random = prng(0x1d_c0de);
  const pick = (alphabet: readonly string[]) => alphabet[Math.floor(random() * alphabet.length)]!;
  const DIGITS = [...'0123456789'];
  const ALNUM = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'];
  const WIDE = [...'张王李赵𠮷😀ÉßЖ'];
  const make = (n: number, alphabet: readonly string[]) =>
    Array.from({ length: n }, () => pick(alphabet)).join('');
  const residentIdAt = (i: number) => {
    const first17 = `${pick(['11', '31', '44', '51', '65', '81', '91'])}${make(4, DIGITS)}19${make(2, DIGITS)}0${1 + (i % 9)}1${i % 9}${make(3, DIGITS)}`;
    return first17 + residentIdCheckChar(first17);
  };

  /**
   * The mask keeps the length, every character it shows is the original's at the same place, and it shows at
   * most `atMostShown` of them and never more than half.
   */
  function checkMask(original: string, masked: string, atMostShown: number) {
    const o = Array.from(original);
    const m = Array.from(masked);
    const shown = m.filter((c) => c !== '*').length;
    const ok =
      m.length === o.length &&
      m.every((c, i) => c === '*' || c === o[i]) &&
      shown <= atMostShown &&
      shown <= Math.floor(o.length / 2);
    // One assertion per value (thousands of values): the message names the value when it fails.
    if (!ok) expect({ original, masked, atMostShown }).toBe('a mask hiding at least half');
  }

  it('document numbers of every length from 0 to 40, in digits, letters and wide characters', () => {
    for (let n = 0; n <= 40; n += 1) {
      for (const alphabet of [DIGITS, ALNUM, WIDE]) {
        for (let k = 0; k < 25; k += 1) {
          const id = make(n, alphabet);
          const masked = maskIdNumber(id);
          checkMask(id, masked, n === 18 ? 2 : Math.floor(n / 2));
          if (maskIdNumber(masked) !== masked) expect(maskIdNumber(masked)).toBe(masked); // idempotent
        }
      }
    }
  });

  it('valid resident ids: only the first and last character, never a birth-date, region or sequence digit', () => {
    for (let i = 0; i < 500; i += 1) {
      const id = residentIdAt(i);
      expect(validateResidentId(id, TODAY).ok).toBe(true);
      const masked = maskIdNumber(id);
      checkMask(id, masked, 2);
      expect(masked.slice(1, 17)).toBe('*'.repeat(16));
    }
  });

  it('valid passport numbers (5 to 17 characters): a 9-character one shows at most 4', () => {
    for (let n = 5; n <= 17; n += 1) {
      for (let k = 0; k < 50; k += 1) {
        const no = make(n, ALNUM);
        expect(validatePassport(no).ok).toBe(true);
        checkMask(no, maskIdNumber(no), n === 9 ? 4 : Math.floor(n / 2));
      }
    }
  });

  it('phone numbers of every length, with or without +86, spaces and hyphens', () => {
    for (let n = 0; n <= 20; n += 1) {
      for (let k = 0; k < 25; k += 1) {
        const digits = make(n, DIGITS);
        const masked = maskPhone(digits);
        checkMask(normalizeMobile(digits) ?? digits, masked, 4); // 86138… is a mobile with its prefix
        if (maskPhone(masked) !== masked) expect(maskPhone(masked)).toBe(masked);
      }
    }
    for (let k = 0; k < 200; k += 1) {
      const mobile = `1${pick([...'3456789'])}${make(9, DIGITS)}`;
      const written = `+86 ${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}`;
      expect(maskPhone(written)).toBe(maskPhone(mobile));
      checkMask(mobile, maskPhone(mobile), 4);
    }
  });
});

describe('maskPhone', () => {
  it('keeps only the last four digits (尾号)', () => {
    expect(maskPhone('13812345678')).toBe('*******5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('*******5678');
  });

  it('masks other numbers the same way, and short ones completely', () => {
    expect(maskPhone('010-12345678')).toBe('*******5678');
    expect(maskPhone('12345678')).toBe('****5678');
    expect(maskPhone('1234567')).toBe('*******');
  });

  it('re-masks a mask stored under the earlier rule (3 + 4) to the same answer', () => {
    expect(maskPhone('138****5678')).toBe(maskPhone('13812345678'));
  });
});

describe('maskName', () => {
  it('masks Chinese names of one to four characters', () => {
    expect(maskName('李')).toBe('*');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('王小明')).toBe('王*明');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('阿依古丽·买买提')).toBe('阿******提');
  });

  it('does not split characters outside the BMP', () => {
    // 𠮷 (U+20BB7) is a surrogate pair in UTF-16.
    expect(maskName('𠮷野家')).toBe('𠮷*家');
    expect(maskName('𠮷家')).toBe('𠮷*');
    expect(maskName('王𠮷明')).toBe('王*明');
    expect(maskName('小明😀')).toBe('小*😀');
    expect(maskName('😀')).toBe('*');
  });

  it('keeps the first letter of each word in Latin names', () => {
    expect(maskName('John Smith')).toBe('J*** S****');
    expect(maskName('  Mary   Jane  Watson ')).toBe('M*** J*** W*****');
    expect(maskName('Madonna')).toBe('M******');
    expect(maskName('Иван Петров')).toBe('И*** П*****');
  });

  it('does not let spaces unmask a Chinese name', () => {
    expect(maskName('张 三')).toBe('张*');
    expect(maskName('王 小 明')).toBe('王*明');
  });

  it('returns an empty string for an empty name', () => {
    expect(maskName('')).toBe('');
    expect(maskName('   ')).toBe('');
  });
});

describe('ageOn', () => {
  it('counts a year only on or after the birthday', () => {
    expect(ageOn('1944-06-15', '2024-06-14')).toBe(79);
    expect(ageOn('1944-06-15', '2024-06-15')).toBe(80);
    expect(ageOn('1944-06-15', '2024-06-16')).toBe(80);
    expect(ageOn('1990-12-31', '2024-01-01')).toBe(33);
  });

  it('lets 29 February birthdays age on 1 March in common years', () => {
    expect(ageOn('2000-02-29', '2023-02-28')).toBe(22);
    expect(ageOn('2000-02-29', '2023-03-01')).toBe(23);
    expect(ageOn('2000-02-29', '2024-02-29')).toBe(24);
  });

  it('returns 0 on the day of birth', () => {
    expect(ageOn('2024-06-01', '2024-06-01')).toBe(0);
  });

  it('throws on malformed dates and dates before birth', () => {
    expect(() => ageOn('2023-02-29', '2024-01-01')).toThrow(RangeError);
    expect(() => ageOn('1990/01/01', '2024-01-01')).toThrow(RangeError);
    expect(() => ageOn('2024-06-02', '2024-06-01')).toThrow(RangeError);
  });
});

describe('zod schemas', () => {
  function firstMessage(result: {
    success: boolean;
    error?: { issues: { message: string }[] };
  }): string | undefined {
    return result.error?.issues[0]?.message;
  }

  it('residentIdSchema outputs the normalized id', () => {
    expect(residentIdSchema.parse(' 11010519491231002x ')).toBe('11010519491231002X');
  });

  it('residentIdSchema reports each failure in Chinese', () => {
    expect(firstMessage(residentIdSchema.safeParse('110101199003071234'))).toBe(
      '身份证号码校验失败，请核对后重新输入',
    );
    expect(firstMessage(residentIdSchema.safeParse('110105491231002'))).toBe(
      '身份证号码格式不正确，应为18位',
    );
    expect(firstMessage(residentIdSchema.safeParse('110105202302290014'))).toBe('身份证号码中的出生日期无效');
    expect(firstMessage(residentIdSchema.safeParse(12345))).toBe('身份证号码格式不正确，应为18位');
  });

  it('residentIdSchema carries the reason for callers that branch on it', () => {
    const result = residentIdSchema.safeParse('110101199003071234');
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]).toMatchObject({ code: 'custom', params: { reason: 'CHECKSUM' } });
  });

  it('mobileSchema outputs the bare 11 digits', () => {
    expect(mobileSchema.parse('+86 138-1234-5678')).toBe('13812345678');
    expect(firstMessage(mobileSchema.safeParse('12812345678'))).toBe('请输入正确的11位手机号码');
    expect(firstMessage(mobileSchema.safeParse(undefined))).toBe('请输入正确的11位手机号码');
  });

  it('passportSchema outputs the normalized number', () => {
    expect(passportSchema.parse(' e12345678')).toBe('E12345678');
    expect(firstMessage(passportSchema.safeParse('E1'))).toBe('护照号码格式不正确，应为5至17位字母或数字');
  });

  it('schemas compose inside an object contract', () => {
    const contract = z.object({ idNumber: residentIdSchema, mobile: mobileSchema });
    expect(contract.parse({ idNumber: '11010519491231002x', mobile: '8613812345678' })).toEqual({
      idNumber: '11010519491231002X',
      mobile: '13812345678',
    });
    const failure = contract.safeParse({ idNumber: '11010519491231002X', mobile: '123' });
    expect(failure.error?.issues).toEqual([
      expect.objectContaining({ path: ['mobile'], message: '请输入正确的11位手机号码' }),
    ]);
  });
});
