import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/src/config';
import { createFileStorage, createLocalStorage, isStorageKey } from '../../server/src/integrations/storage';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'storage-local-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('the local store (the embedded default)', () => {
  test('keeps the bytes and their type under the key, and replaces them on a second put', async () => {
    const store = createLocalStorage(root);
    await store.put('doctor-photos/a1.png', new Uint8Array([1, 2, 3]), 'image/png');
    expect(await store.get('doctor-photos/a1.png')).toEqual({
      bytes: new Uint8Array([1, 2, 3]),
      contentType: 'image/png',
    });
    await store.put('doctor-photos/a1.png', new Uint8Array([9]), 'image/webp');
    expect(await store.get('doctor-photos/a1.png')).toEqual({
      bytes: new Uint8Array([9]),
      contentType: 'image/webp',
    });
    // Written under a temporary name and renamed: nothing half-written is left beside it.
    expect((await readdir(path.join(root, 'doctor-photos'))).sort()).toEqual(['a1.png', 'a1.png.type']);
  });

  test('answers null for a key that holds nothing', async () => {
    expect(await createLocalStorage(root).get('doctor-photos/none.jpg')).toBeNull();
  });

  test('refuses keys that could leave its folder or need escaping', async () => {
    const store = createLocalStorage(root);
    for (const key of [
      '../escape.png',
      'a/../../b',
      '/absolute',
      'a//b',
      'sp ace.png',
      '',
      'x'.repeat(201),
    ]) {
      expect(isStorageKey(key)).toBe(false);
      await expect(store.put(key, new Uint8Array([1]), 'image/png')).rejects.toThrow(/not a storage key/);
      await expect(store.get(key)).rejects.toThrow(/not a storage key/);
    }
    expect(await readdir(root)).toEqual([]);
  });

  test('is what the server uses by default, under DATA_DIR/files', async () => {
    const config = loadConfig({ DATA_DIR: root });
    expect(config.storage).toEqual({ kind: 'local', dir: path.join(root, 'files') });
    expect(loadConfig({ DATA_DIR: root, STORAGE_DIR: path.join(root, 'elsewhere') }).storage).toEqual({
      kind: 'local',
      dir: path.join(root, 'elsewhere'),
    });
    const store = createFileStorage(config.storage);
    expect(store.kind).toBe('local');
    await store.put('doctor-photos/b.jpg', new Uint8Array([7]), 'image/jpeg');
    expect(await readdir(path.join(root, 'files', 'doctor-photos'))).toContain('b.jpg');
  });
});
