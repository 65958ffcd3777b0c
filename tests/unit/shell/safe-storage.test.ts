// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { createSafeStorageBox } from '../../../electron/shell/safe-storage';

function fakeSafeStorage(available: boolean, backend = 'dpapi') {
  return {
    isEncryptionAvailable: vi.fn(() => available),
    getSelectedStorageBackend: vi.fn(() => backend as never),
    encryptString: vi.fn((s: string) => Buffer.from([...s].reverse().join(''))),
    decryptString: vi.fn((b: Buffer) => [...b.toString()].reverse().join('')),
  };
}

describe('safeStorage SecretBox', () => {
  it('encrypts to base64 and back', () => {
    const box = createSafeStorageBox(fakeSafeStorage(true), 'win32');
    expect(box.isAvailable()).toBe(true);
    const cipher = box.encrypt('api-key-123');
    expect(cipher).toBe(Buffer.from('321-yek-ipa').toString('base64'));
    expect(box.decrypt(cipher)).toBe('api-key-123');
  });

  it('is unavailable when the OS has no encryption', () => {
    expect(createSafeStorageBox(fakeSafeStorage(false), 'win32').isAvailable()).toBe(false);
  });

  it('does not count Linux basic_text (a hard-coded key) as encryption', () => {
    expect(createSafeStorageBox(fakeSafeStorage(true, 'basic_text'), 'linux').isAvailable()).toBe(
      false,
    );
    expect(
      createSafeStorageBox(fakeSafeStorage(true, 'gnome_libsecret'), 'linux').isAvailable(),
    ).toBe(true);
  });

  it('treats a throwing probe as unavailable', () => {
    const s = fakeSafeStorage(true);
    s.isEncryptionAvailable.mockImplementation(() => {
      throw new Error('called before ready');
    });
    expect(createSafeStorageBox(s, 'win32').isAvailable()).toBe(false);
  });
});
