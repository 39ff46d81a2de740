import { fillIn } from '@hospital/shared';

test('placeholders take their values; one without a value stays visible', () => {
  expect(fillIn('共 {total} 条', { total: 3 })).toBe('共 3 条');
  expect(fillIn('{name}，您好', { name: '吴涛' })).toBe('吴涛，您好');
  expect(fillIn('Hello, {name}', {})).toBe('Hello, {name}');
  expect(fillIn('{toString}', {})).toBe('{toString}');
  expect(fillIn('no placeholders')).toBe('no placeholders');
});
