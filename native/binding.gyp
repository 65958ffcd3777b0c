# callpop-notify: the native trampoline the 3CX Assistant starts (see src/notify-main.c).
# Plain C, no dependencies: node-gyp is only the build driver (as for GitHub Desktop's
# desktop-trampoline). `callpop-notify-selftest` exposes the pure functions to the tests.
{
  'target_defaults': {
    'cflags': ['-Wall', '-Wextra', '-O2'],
    'cflags!': ['-fno-exceptions'],
    'xcode_settings': { 'OTHER_CFLAGS': ['-Wall', '-Wextra', '-O2'] },
    'msvs_settings': {
      'VCCLCompilerTool': { 'WarningLevel': 3 },
    },
    'conditions': [
      ['OS=="win"', {
        'defines': ['UNICODE', '_UNICODE', 'WIN32_LEAN_AND_MEAN', '_WIN32_WINNT=0x0602'],
      }],
    ],
  },
  'targets': [
    {
      'target_name': 'callpop-notify',
      'type': 'executable',
      'sources': [
        'src/notify-main.c',
        'src/notify-core.c',
        'src/notify-common.c',
        'src/notify-posix.c',
        'src/notify-win.c',
      ],
      'conditions': [
        ['OS=="win"', {
          'link_settings': { 'libraries': ['Advapi32.lib', 'Shell32.lib'] },
          # A GUI-subsystem program: no console window flashes up on every call.
          'msvs_settings': {
            'VCLinkerTool': { 'SubSystem': '2', 'EntryPointSymbol': 'mainCRTStartup' },
          },
        }],
      ],
    },
    {
      'target_name': 'callpop-notify-selftest',
      'type': 'executable',
      'sources': ['src/notify-selftest.c', 'src/notify-core.c'],
    },
  ],
}
