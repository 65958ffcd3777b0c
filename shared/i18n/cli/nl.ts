// Dutch messages of the command line (namespace 'cli'). Command words and options stay as typed.
import type { CliMessages } from './en';

export const cliNl: CliMessages = {
  help: `callpop — schermpop-ups voor het 3CX-telefoonsysteem, in je browser

Gebruik:
  callpop /N:S /C:+31612345678 /T:I /I:4711   een melding van de 3CX Assistant: doorgegeven aan de
                                              draaiende CallPop (die start als er geen draait)
  callpop tel:+31612345678                    een nummer bellen via de draaiende CallPop
  callpop serve [--port P] [--no-open]        CallPop in de browser draaien (standaardpoort 5017)
  callpop export --format json|csv            het gesprekslogboek afdrukken
  callpop demo [--fast]                       een paar gespeelde gesprekken, om het zonder 3CX te proberen
  callpop contacts import FILE                contacten toevoegen of bijwerken uit Outlook/Google-CSV,
                                              een andere CSV of vCard; meldt wat er gebeurde
  callpop contacts export --format csv|vcf    de lokale contacten afdrukken
  callpop --help                              deze tekst

Opties voor elke opdracht:
  --data-dir D    waar instellingen, logboek en logs staan
                  (standaard: $CALLPOP_DATA_DIR, anders ~/.callpop)

In de 3CX Assistant: File → Preferences → Options → "Call CRM Executable" → het pad van callpop.
Zet CALLPOP_NO_OPEN=1 om nooit een browsertabblad te openen.
`,
  exeHelp: `CallPop.exe — schermpop-ups voor het 3CX-telefoonsysteem

  CallPop.exe /N:S /C:+31612345678 /T:I /I:4711   een melding van de 3CX Assistant (wat 3CX start)
  CallPop.exe tel:+31612345678                    bellen via CallPop
  CallPop.exe export --format json|csv            het gesprekslogboek afdrukken (omleiden: > calls.csv)
  CallPop.exe demo [--fast]                       een paar gespeelde gesprekken naar CallPop sturen
  CallPop.exe contacts import FILE                contacten toevoegen of bijwerken (Outlook/Google-CSV,
                                                  andere CSV, vCard); meldt wat er gebeurde
  CallPop.exe contacts export --format csv|vcf    de lokale contacten afdrukken
  CallPop.exe --help                              deze tekst

Elke opdracht kent --data-dir D (standaard: CALLPOP_DATA_DIR, anders de gebruikersmap van de app).
De browsermodus (zonder Electron) is \`npx callpop serve\`.
`,
  seeHelp: 'Voer `callpop --help` uit voor de opdrachten.',
  usage: {
    needsValue: '{{option}} heeft een waarde nodig',
    badPort: '--port moet 0–65535 zijn, niet "{{value}}"',
    unknownCommand: 'onbekende opdracht "{{command}}"',
    unknownOption: 'onbekende optie "{{option}}" voor {{command}}',
    unexpectedArgument: 'onverwacht argument "{{argument}}" voor {{command}}',
    exportNeedsFormat: 'export heeft --format json of --format csv nodig',
    exportFormat: '--format moet json of csv zijn, niet "{{format}}"',
    importNeedsFile: 'contacts import heeft een bestand nodig: callpop contacts import FILE',
    importNoFormat: 'contacts import leest het formaat uit het bestand zelf; laat --format weg',
    contactsExportNeedsFormat: 'contacts export heeft --format csv of --format vcf nodig',
    contactsFormat: '--format moet csv of vcf zijn, niet "{{format}}"',
    contactsNeedsAction: 'contacts heeft import FILE of export --format csv|vcf nodig',
    contactsUnknownAction: 'onbekende contacts-opdracht "{{action}}" (import of export)',
  },
  forward: {
    noConfirm: 'CallPop heeft de gebeurtenis niet binnen {{seconds}} s bevestigd ({{path}})',
    closedWithoutConfirm_one: 'CallPop sloot de verbinding zonder de gebeurtenis te bevestigen',
    closedWithoutConfirm_other:
      'CallPop sloot de verbinding {{count}} keer zonder de gebeurtenis te bevestigen',
    refused: 'CallPop weigerde de gebeurtenis: {{error}}',
    ignored: 'genegeerd: {{reason}}',
    unusableArguments: 'onbruikbare argumenten',
    unreadableReply: 'onleesbaar antwoord van CallPop',
    oversizedReply: 'te groot antwoord van CallPop',
    refusingEndpoint: 'het eindpunt {{path}} wordt geweigerd: {{reason}}',
    unreachable:
      'kon de draaiende CallPop niet bereiken ({{code}}) en ook niet zelf starten; vergrendeling {{lock}}',
  },
  serve: {
    cannotListen: 'kan niet luisteren op {{path}}: {{error}}',
    portInUse: 'poort {{port}} is in gebruik; kies een andere met --port (0 = een vrije poort)',
    notInDesktop:
      'de browsermodus draait op Node, niet in de desktop-app: gebruik `npx callpop serve`.',
  },
  export: {
    failed: 'exporteren mislukt: {{error}}',
  },
  contacts: {
    cannotRead: 'kan {{file}} niet lezen: {{error}}',
    fileProblem: '{{file}}: {{problem}}',
    fileFormat: '{{file}}: {{format}}',
    fileError: {
      zip: 'dit is een Excel-werkmap of een ander zip-bestand: sla het eerst op als CSV (komma of puntkomma)',
      xls: 'dit is een oud Excel-bestand (.xls): sla het eerst op als CSV',
      binary: 'dit is geen tekstbestand (CSV of vCard)',
      empty: 'het bestand is leeg',
      unrecognised: 'dit is geen CSV-bestand met een kopregel en ook geen vCard-bestand',
    },
    summary: '{{added}}, {{updated}}, {{skipped}}',
    added_one: '{{count}} contact toegevoegd',
    added_other: '{{count}} contacten toegevoegd',
    updated_one: '{{count}} bijgewerkt',
    updated_other: '{{count}} bijgewerkt',
    skipped_one: '{{count}} overgeslagen',
    skipped_other: '{{count}} overgeslagen',
    lineKept: 'regel {{line}}: geïmporteerd, maar {{reason}}',
    lineSkipped: 'regel {{line}}: overgeslagen: {{reason}}',
  },
  demo: {
    servingHere: 'Er draaide geen CallPop: dit proces is het nu (Ctrl+C stopt het na de demo).',
    intoRunning: 'De demo wordt naar de draaiende CallPop gestuurd.',
    stopped: 'CallPop stopte tijdens de demo ({{error}})',
    notConfirmed: 'CallPop heeft een demogebeurtenis niet bevestigd',
    refused: '→ geweigerd: {{error}}',
    done: 'Demo klaar. Zonder de 3CX Assistant mislukt het tel:-bellen zelf (een melding zegt dat);',
    doneWhere: 'de gesprekken staan in de geschiedenis en in `callpop export --format csv`.',
    exeDone:
      'Demo klaar: de gesprekken staan in de geschiedenis van CallPop en in `CallPop.exe export`.',
    step: {
      rings: 'Een inkomend gesprek van een Nederlands mobiel nummer (0612345678) gaat over…',
      ringsTwice: '…de Assistant meldt hetzelfde overgaan twee keer (ontdubbeld)',
      answered: '…en wordt aangenomen',
      secondRings:
        'Een tweede inkomend gesprek uit Berlijn (+4930123456) gaat over terwijl het eerste loopt',
      missed: '…niemand neemt op: gemist',
      firstEnds: 'Het eerste gesprek eindigt',
      anonymousRings: 'Een anonieme beller belt…',
      anonymousAnswered:
        '…wordt aangenomen (de vlaggen komen in andere volgorde en in kleine letters, zoals Chromium op Windows doet)',
      hangsUp: '…en hangt op',
      telLink: 'De medewerker klikt op een tel:-link om +31201234567 te bellen',
      dialsOut: '…3CX belt uit (uitgaande S heeft geen nummer; CallPop koppelt het aan het bellen)',
      otherAnswers: '…de andere kant neemt op',
      callEnds: '…en het gesprek eindigt',
    },
  },
};
