// English messages of the `callpop` command line and of `CallPop.exe export|demo|contacts|--help`
// (the source language; namespace 'cli'). Command words, options and file formats are the
// same in every language: they are what the agent types.
export const cliEn = {
  help: `callpop — screen pops for the 3CX phone system, in your browser

Usage:
  callpop /N:S /C:+31612345678 /T:I /I:4711   a 3CX Assistant notification: handed to the running
                                              CallPop (which starts when none runs)
  callpop tel:+31612345678                    dial a number through the running CallPop
  callpop serve [--port P] [--no-open]        run CallPop in the browser (default port 5017)
  callpop export --format json|csv            print the call journal
  callpop demo [--fast]                       play a few scripted calls, for trying it without 3CX
  callpop contacts import FILE                add or update contacts from Outlook/Google CSV,
                                              another CSV or vCard; prints what it did
  callpop contacts export --format csv|vcf    print the local contacts
  callpop --help                              this text

Options for every command:
  --data-dir D    where settings, journal and logs live
                  (default: $CALLPOP_DATA_DIR, else ~/.callpop)

In the 3CX Assistant: File → Preferences → Options → "Call CRM Executable" → the path of callpop.
Set CALLPOP_NO_OPEN=1 to never open a browser tab.
`,
  exeHelp: `CallPop.exe — screen pops for the 3CX phone system

  CallPop.exe /N:S /C:+31612345678 /T:I /I:4711   a 3CX Assistant notification (what 3CX runs)
  CallPop.exe tel:+31612345678                    dial through CallPop
  CallPop.exe export --format json|csv            print the call journal (redirect it: > calls.csv)
  CallPop.exe demo [--fast]                       play a few scripted calls into CallPop
  CallPop.exe contacts import FILE                add or update contacts (Outlook/Google CSV,
                                                  other CSV, vCard); prints what it did
  CallPop.exe contacts export --format csv|vcf    print the local contacts
  CallPop.exe --help                              this text

Every command takes --data-dir D (default: CALLPOP_DATA_DIR, else the app's user-data folder).
Browser mode (no Electron) is \`npx callpop serve\`.
`,
  seeHelp: 'Run `callpop --help` for the commands.',
  usage: {
    needsValue: '{{option}} needs a value',
    badPort: '--port must be 0–65535, not "{{value}}"',
    unknownCommand: 'unknown command "{{command}}"',
    unknownOption: 'unknown option "{{option}}" for {{command}}',
    unexpectedArgument: 'unexpected argument "{{argument}}" for {{command}}',
    exportNeedsFormat: 'export needs --format json or --format csv',
    exportFormat: '--format must be json or csv, not "{{format}}"',
    importNeedsFile: 'contacts import needs a file: callpop contacts import FILE',
    importNoFormat: 'contacts import reads the format from the file itself; drop --format',
    contactsExportNeedsFormat: 'contacts export needs --format csv or --format vcf',
    contactsFormat: '--format must be csv or vcf, not "{{format}}"',
    contactsNeedsAction: 'contacts needs import FILE or export --format csv|vcf',
    contactsUnknownAction: 'unknown contacts command "{{action}}" (import or export)',
  },
  forward: {
    noConfirm: 'CallPop did not confirm the event within {{seconds}} s ({{path}})',
    closedWithoutConfirm_one: 'CallPop closed the connection without confirming the event',
    closedWithoutConfirm_other:
      'CallPop closed the connection {{count}} times without confirming the event',
    refused: 'CallPop refused the event: {{error}}',
    ignored: 'ignored: {{reason}}',
    unusableArguments: 'unusable arguments',
    unreadableReply: 'unreadable reply from CallPop',
    oversizedReply: 'oversized reply from CallPop',
    refusingEndpoint: 'refusing the endpoint {{path}}: {{reason}}',
    unreachable: 'could not reach the running CallPop ({{code}}) nor become it; lock {{lock}}',
  },
  serve: {
    cannotListen: 'cannot listen on {{path}}: {{error}}',
    portInUse: 'port {{port}} is in use; choose another with --port (0 = any free port)',
    notInDesktop: 'browser mode runs on Node, not in the desktop app: use `npx callpop serve`.',
  },
  export: {
    failed: 'export failed: {{error}}',
  },
  contacts: {
    cannotRead: 'cannot read {{file}}: {{error}}',
    fileProblem: '{{file}}: {{problem}}',
    fileFormat: '{{file}}: {{format}}',
    fileError: {
      zip: 'this is an Excel workbook or another zip file: save it as CSV (comma or semicolon) first',
      xls: 'this is an old Excel (.xls) file: save it as CSV first',
      binary: 'this is not a text file (CSV or vCard)',
      empty: 'the file is empty',
      unrecognised: 'this is neither a CSV file with a header row nor a vCard file',
    },
    summary: '{{added}}, {{updated}}, {{skipped}}',
    added_one: '{{count}} added',
    added_other: '{{count}} added',
    updated_one: '{{count}} updated',
    updated_other: '{{count}} updated',
    skipped_one: '{{count}} skipped',
    skipped_other: '{{count}} skipped',
    lineKept: 'line {{line}}: imported, but {{reason}}',
    lineSkipped: 'line {{line}}: skipped: {{reason}}',
  },
  demo: {
    servingHere: 'No CallPop was running: this process is it now (Ctrl+C stops it after the demo).',
    intoRunning: 'Playing the demo into the running CallPop.',
    stopped: 'CallPop stopped during the demo ({{error}})',
    notConfirmed: 'CallPop did not confirm a demo event',
    refused: '→ refused: {{error}}',
    done: 'Demo done. Without the 3CX Assistant installed the tel: dial itself fails (a notice says so);',
    doneWhere: 'the calls are in the history and in `callpop export --format csv`.',
    exeDone: "Demo done: the calls are in CallPop's history and in `CallPop.exe export`.",
    step: {
      rings: 'Inbound call from a Dutch mobile (0612345678) rings…',
      ringsTwice: '…the Assistant reports the same ring twice (deduplicated)',
      answered: '…and is answered',
      secondRings:
        'A second inbound call from Berlin (+4930123456) rings while the first is running',
      missed: '…nobody answers it: missed',
      firstEnds: 'The first call ends',
      anonymousRings: 'An anonymous caller rings…',
      anonymousAnswered:
        '…is answered (flags arrive reordered and lower-cased, as Chromium does on Windows)',
      hangsUp: '…and hangs up',
      telLink: 'The agent clicks a tel: link to call +31201234567',
      dialsOut:
        '…3CX dials out (outbound S carries no number; CallPop correlates it with the dial)',
      otherAnswers: '…the other side answers',
      callEnds: '…and the call ends',
    },
  },
};

export type CliMessages = typeof cliEn;
