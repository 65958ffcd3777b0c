// electron-builder afterPack hook: flips Electron's fuses in the packed binary, before signing.
//   RunAsNode off                       the exe cannot be used as a plain Node (ELECTRON_RUN_AS_NODE)
//   EnableNodeOptionsEnvironmentVariable off    NODE_OPTIONS cannot inject code
//   EnableNodeCliInspectArguments off   --inspect cannot attach a debugger
//   EnableCookieEncryption on           cookies at rest encrypted with the OS key
//   EnableEmbeddedAsarIntegrityValidation on    a modified app.asar refuses to load (Windows, macOS)
//   OnlyLoadAppFromAsar on              no app/ folder next to the asar is loaded instead
//   GrantFileProtocolExtraPrivileges off         the UI is served from app://, file:// needs nothing
// A stand-in binary (the offline packaging test) has no fuse wire: skipped with a message.
// On a real build a failure to flip fails the build.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS hook electron-builder loads */
const { statSync } = require('node:fs');
const path = require('node:path');

const STAND_IN_MAX_BYTES = 1024 * 1024;

function binaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const product = packager.appInfo.productFilename;
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${product}.exe`);
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return path.join(appOutDir, `${product}.app`, 'Contents', 'MacOS', product);
  }
  return path.join(appOutDir, packager.executableName);
}

exports.binaryPath = binaryPath;

exports.default = async function afterPack(context) {
  const binary = binaryPath(context);
  const size = statSync(binary).size;
  if (size < STAND_IN_MAX_BYTES && process.env.CALLPOP_REQUIRE_FUSES !== '1') {
    console.log(
      `  • fuses skipped: ${path.basename(binary)} is a ${size}-byte stand-in, not Electron`,
    );
    return;
  }
  const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');
  await flipFuses(binary, {
    version: FuseVersion.V1,
    resetAdHocDarwinSignature:
      context.electronPlatformName === 'darwin' && context.arch === 3 /* arm64 */,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  });
  console.log(`  • fuses flipped in ${path.basename(binary)}`);
};
