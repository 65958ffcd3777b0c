// The settings store's SecretBox over Electron's safeStorage (DPAPI on Windows, Keychain on
// macOS, the desktop keyring on Linux). Linux without a keyring falls back to a hard-coded key
// ("basic_text"), which protects nothing: we report that as unavailable so the store keeps
// secrets as it would without encryption and the diagnostics say so, instead of pretending.
import type { SecretBox } from '../core/settings-store';

/** The part of Electron's safeStorage used here; app.ts passes the real one. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export function createSafeStorageBox(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): SecretBox {
  return {
    isAvailable() {
      try {
        if (!safeStorage.isEncryptionAvailable()) return false;
        if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text')
          return false;
        return true;
      } catch {
        return false;
      }
    },
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (b64) => safeStorage.decryptString(Buffer.from(b64, 'base64')),
  };
}
