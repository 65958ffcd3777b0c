// German messages of the command line (namespace 'cli'). Command words and options stay as typed.
import type { CliMessages } from './en';

export const cliDe: CliMessages = {
  help: `callpop — Bildschirm-Pop-ups für die 3CX-Telefonanlage, im Browser

Aufruf:
  callpop /N:S /C:+31612345678 /T:I /I:4711   eine Meldung des 3CX Assistant: an das laufende CallPop
                                              übergeben (das startet, wenn keines läuft)
  callpop tel:+31612345678                    eine Nummer über das laufende CallPop wählen
  callpop serve [--port P] [--no-open]        CallPop im Browser ausführen (Standardport 5017)
  callpop export --format json|csv            das Anrufjournal ausgeben
  callpop demo [--fast]                       einige vorgespielte Anrufe, zum Ausprobieren ohne 3CX
  callpop contacts import FILE                Kontakte aus Outlook-/Google-CSV, anderem CSV oder vCard
                                              hinzufügen oder aktualisieren; meldet, was geschah
  callpop contacts export --format csv|vcf    die lokalen Kontakte ausgeben
  callpop --help                              dieser Text

Optionen für jeden Befehl:
  --data-dir D    wo Einstellungen, Journal und Protokolle liegen
                  (Standard: $CALLPOP_DATA_DIR, sonst ~/.callpop)

Im 3CX Assistant: File → Preferences → Options → "Call CRM Executable" → der Pfad von callpop.
CALLPOP_NO_OPEN=1 setzen, damit nie ein Browser-Tab geöffnet wird.
`,
  exeHelp: `CallPop.exe — Bildschirm-Pop-ups für die 3CX-Telefonanlage

  CallPop.exe /N:S /C:+31612345678 /T:I /I:4711   eine Meldung des 3CX Assistant (was 3CX startet)
  CallPop.exe tel:+31612345678                    über CallPop wählen
  CallPop.exe export --format json|csv            das Anrufjournal ausgeben (umleiten: > calls.csv)
  CallPop.exe demo [--fast]                       einige vorgespielte Anrufe an CallPop senden
  CallPop.exe contacts import FILE                Kontakte hinzufügen oder aktualisieren (Outlook-/Google-CSV,
                                                  anderes CSV, vCard); meldet, was geschah
  CallPop.exe contacts export --format csv|vcf    die lokalen Kontakte ausgeben
  CallPop.exe --help                              dieser Text

Jeder Befehl nimmt --data-dir D (Standard: CALLPOP_DATA_DIR, sonst der Benutzerdatenordner der App).
Der Browsermodus (ohne Electron) ist \`npx callpop serve\`.
`,
  seeHelp: '`callpop --help` zeigt die Befehle.',
  usage: {
    needsValue: '{{option}} braucht einen Wert',
    badPort: '--port muss 0–65535 sein, nicht "{{value}}"',
    unknownCommand: 'unbekannter Befehl "{{command}}"',
    unknownOption: 'unbekannte Option "{{option}}" für {{command}}',
    unexpectedArgument: 'unerwartetes Argument "{{argument}}" für {{command}}',
    exportNeedsFormat: 'export braucht --format json oder --format csv',
    exportFormat: '--format muss json oder csv sein, nicht "{{format}}"',
    importNeedsFile: 'contacts import braucht eine Datei: callpop contacts import FILE',
    importNoFormat: 'contacts import liest das Format aus der Datei selbst; --format weglassen',
    contactsExportNeedsFormat: 'contacts export braucht --format csv oder --format vcf',
    contactsFormat: '--format muss csv oder vcf sein, nicht "{{format}}"',
    contactsNeedsAction: 'contacts braucht import FILE oder export --format csv|vcf',
    contactsUnknownAction: 'unbekannter contacts-Befehl "{{action}}" (import oder export)',
  },
  forward: {
    noConfirm: 'CallPop hat das Ereignis nicht innerhalb von {{seconds}} s bestätigt ({{path}})',
    closedWithoutConfirm_one:
      'CallPop hat die Verbindung geschlossen, ohne das Ereignis zu bestätigen',
    closedWithoutConfirm_other:
      'CallPop hat die Verbindung {{count}}-mal geschlossen, ohne das Ereignis zu bestätigen',
    refused: 'CallPop hat das Ereignis abgelehnt: {{error}}',
    ignored: 'ignoriert: {{reason}}',
    unusableArguments: 'unbrauchbare Argumente',
    unreadableReply: 'unlesbare Antwort von CallPop',
    oversizedReply: 'zu große Antwort von CallPop',
    refusingEndpoint: 'der Endpunkt {{path}} wird abgelehnt: {{reason}}',
    unreachable:
      'das laufende CallPop war nicht erreichbar ({{code}}) und konnte auch nicht selbst starten; Sperre {{lock}}',
  },
  serve: {
    cannotListen: 'kann nicht auf {{path}} lauschen: {{error}}',
    portInUse: 'Port {{port}} ist belegt; mit --port einen anderen wählen (0 = ein freier Port)',
    notInDesktop:
      'der Browsermodus läuft unter Node, nicht in der Desktop-App: `npx callpop serve` verwenden.',
  },
  export: {
    failed: 'Export fehlgeschlagen: {{error}}',
  },
  contacts: {
    cannotRead: '{{file}} kann nicht gelesen werden: {{error}}',
    fileProblem: '{{file}}: {{problem}}',
    fileFormat: '{{file}}: {{format}}',
    fileError: {
      zip: 'das ist eine Excel-Arbeitsmappe oder eine andere ZIP-Datei: zuerst als CSV (Komma oder Semikolon) speichern',
      xls: 'das ist eine alte Excel-Datei (.xls): zuerst als CSV speichern',
      binary: 'das ist keine Textdatei (CSV oder vCard)',
      empty: 'die Datei ist leer',
      unrecognised: 'das ist weder eine CSV-Datei mit Kopfzeile noch eine vCard-Datei',
    },
    summary: '{{added}}, {{updated}}, {{skipped}}',
    added_one: '{{count}} Kontakt hinzugefügt',
    added_other: '{{count}} Kontakte hinzugefügt',
    updated_one: '{{count}} aktualisiert',
    updated_other: '{{count}} aktualisiert',
    skipped_one: '{{count}} übersprungen',
    skipped_other: '{{count}} übersprungen',
    lineKept: 'Zeile {{line}}: importiert, aber {{reason}}',
    lineSkipped: 'Zeile {{line}}: übersprungen: {{reason}}',
  },
  demo: {
    servingHere:
      'Es lief kein CallPop: dieser Prozess ist es jetzt (Strg+C beendet es nach der Demo).',
    intoRunning: 'Die Demo wird an das laufende CallPop gesendet.',
    stopped: 'CallPop wurde während der Demo beendet ({{error}})',
    notConfirmed: 'CallPop hat ein Demo-Ereignis nicht bestätigt',
    refused: '→ abgelehnt: {{error}}',
    done: 'Demo fertig. Ohne installierten 3CX Assistant schlägt das Wählen über tel: selbst fehl (ein Hinweis sagt es);',
    doneWhere: 'die Anrufe stehen in der Anrufliste und in `callpop export --format csv`.',
    exeDone:
      'Demo fertig: die Anrufe stehen in der Anrufliste von CallPop und in `CallPop.exe export`.',
    step: {
      rings: 'Ein eingehender Anruf von einem niederländischen Handy (0612345678) klingelt…',
      ringsTwice: '…der Assistant meldet dasselbe Klingeln zweimal (zusammengeführt)',
      answered: '…und wird angenommen',
      secondRings:
        'Ein zweiter eingehender Anruf aus Berlin (+4930123456) klingelt, während der erste läuft',
      missed: '…niemand nimmt ab: verpasst',
      firstEnds: 'Der erste Anruf endet',
      anonymousRings: 'Ein anonymer Anrufer klingelt…',
      anonymousAnswered:
        '…wird angenommen (die Schalter kommen umsortiert und kleingeschrieben an, wie Chromium es unter Windows tut)',
      hangsUp: '…und legt auf',
      telLink: 'Der Agent klickt auf einen tel:-Link, um +31201234567 anzurufen',
      dialsOut:
        '…3CX wählt hinaus (ausgehendes S hat keine Nummer; CallPop ordnet es dem Wählen zu)',
      otherAnswers: '…die Gegenseite nimmt ab',
      callEnds: '…und der Anruf endet',
    },
  },
};
