// Russian messages of the command line (namespace 'cli'). Plurals use i18next's
// _one/_few/_many/_other forms. Command words and options stay as typed.
import type { CliMessages } from './en';

type Russian = Omit<CliMessages, 'forward' | 'contacts'> & {
  forward: CliMessages['forward'] & {
    closedWithoutConfirm_few: string;
    closedWithoutConfirm_many: string;
  };
  contacts: CliMessages['contacts'] & {
    added_few: string;
    added_many: string;
    updated_few: string;
    updated_many: string;
    skipped_few: string;
    skipped_many: string;
  };
};

export const cliRu: Russian = {
  help: `callpop — всплывающие карточки звонков для телефонной системы 3CX, в браузере

Использование:
  callpop /N:S /C:+31612345678 /T:I /I:4711   уведомление 3CX Assistant: передаётся запущенному
                                              CallPop (он запускается, если не запущен)
  callpop tel:+31612345678                    набрать номер через запущенный CallPop
  callpop serve [--port P] [--no-open]        запустить CallPop в браузере (порт по умолчанию 5017)
  callpop export --format json|csv            вывести журнал звонков
  callpop demo [--fast]                       проиграть несколько звонков, чтобы попробовать без 3CX
  callpop contacts import FILE                добавить или обновить контакты из CSV Outlook/Google,
                                              другого CSV или vCard; сообщает, что сделано
  callpop contacts export --format csv|vcf    вывести локальные контакты
  callpop --help                              этот текст

Параметры для всех команд:
  --data-dir D    где хранятся настройки, журнал и логи
                  (по умолчанию: $CALLPOP_DATA_DIR, иначе ~/.callpop)

В 3CX Assistant: File → Preferences → Options → "Call CRM Executable" → путь к callpop.
Задайте CALLPOP_NO_OPEN=1, чтобы никогда не открывать вкладку браузера.
`,
  exeHelp: `CallPop.exe — всплывающие карточки звонков для телефонной системы 3CX

  CallPop.exe /N:S /C:+31612345678 /T:I /I:4711   уведомление 3CX Assistant (то, что запускает 3CX)
  CallPop.exe tel:+31612345678                    набрать номер через CallPop
  CallPop.exe export --format json|csv            вывести журнал звонков (перенаправьте: > calls.csv)
  CallPop.exe demo [--fast]                       проиграть несколько звонков в CallPop
  CallPop.exe contacts import FILE                добавить или обновить контакты (CSV Outlook/Google,
                                                  другой CSV, vCard); сообщает, что сделано
  CallPop.exe contacts export --format csv|vcf    вывести локальные контакты
  CallPop.exe --help                              этот текст

Все команды принимают --data-dir D (по умолчанию: CALLPOP_DATA_DIR, иначе папка данных приложения).
Режим браузера (без Electron): \`npx callpop serve\`.
`,
  seeHelp: 'Список команд: `callpop --help`.',
  usage: {
    needsValue: 'для {{option}} нужно значение',
    badPort: '--port должен быть от 0 до 65535, а не "{{value}}"',
    unknownCommand: 'неизвестная команда "{{command}}"',
    unknownOption: 'неизвестный параметр "{{option}}" для {{command}}',
    unexpectedArgument: 'лишний аргумент "{{argument}}" для {{command}}',
    exportNeedsFormat: 'для export нужен --format json или --format csv',
    exportFormat: '--format должен быть json или csv, а не "{{format}}"',
    importNeedsFile: 'для contacts import нужен файл: callpop contacts import FILE',
    importNoFormat: 'contacts import определяет формат по самому файлу; уберите --format',
    contactsExportNeedsFormat: 'для contacts export нужен --format csv или --format vcf',
    contactsFormat: '--format должен быть csv или vcf, а не "{{format}}"',
    contactsNeedsAction: 'для contacts нужно import FILE или export --format csv|vcf',
    contactsUnknownAction: 'неизвестная команда contacts "{{action}}" (import или export)',
  },
  forward: {
    noConfirm: 'CallPop не подтвердил событие за {{seconds}} с ({{path}})',
    closedWithoutConfirm_one: 'CallPop {{count}} раз закрыл соединение, не подтвердив событие',
    closedWithoutConfirm_few: 'CallPop {{count}} раза закрыл соединение, не подтвердив событие',
    closedWithoutConfirm_many: 'CallPop {{count}} раз закрыл соединение, не подтвердив событие',
    closedWithoutConfirm_other: 'CallPop {{count}} раза закрыл соединение, не подтвердив событие',
    refused: 'CallPop отклонил событие: {{error}}',
    ignored: 'пропущено: {{reason}}',
    unusableArguments: 'непригодные аргументы',
    unreadableReply: 'нечитаемый ответ от CallPop',
    oversizedReply: 'слишком большой ответ от CallPop',
    refusingEndpoint: 'конечная точка {{path}} отклонена: {{reason}}',
    unreachable:
      'не удалось ни связаться с запущенным CallPop ({{code}}), ни запустить его; блокировка {{lock}}',
  },
  serve: {
    cannotListen: 'не удаётся слушать {{path}}: {{error}}',
    portInUse: 'порт {{port}} занят; выберите другой через --port (0 = любой свободный порт)',
    notInDesktop:
      'режим браузера работает на Node, а не в настольном приложении: используйте `npx callpop serve`.',
  },
  export: {
    failed: 'экспорт не удался: {{error}}',
  },
  contacts: {
    cannotRead: 'не удаётся прочитать {{file}}: {{error}}',
    fileProblem: '{{file}}: {{problem}}',
    fileFormat: '{{file}}: {{format}}',
    fileError: {
      zip: 'это книга Excel или другой zip-файл: сначала сохраните его как CSV (с запятой или точкой с запятой)',
      xls: 'это старый файл Excel (.xls): сначала сохраните его как CSV',
      binary: 'это не текстовый файл (CSV или vCard)',
      empty: 'файл пуст',
      unrecognised: 'это не CSV-файл со строкой заголовков и не файл vCard',
    },
    summary: '{{added}}, {{updated}}, {{skipped}}',
    added_one: '{{count}} контакт добавлен',
    added_few: '{{count}} контакта добавлены',
    added_many: '{{count}} контактов добавлено',
    added_other: '{{count}} контакта добавлено',
    updated_one: '{{count}} обновлён',
    updated_few: '{{count}} обновлены',
    updated_many: '{{count}} обновлено',
    updated_other: '{{count}} обновлено',
    skipped_one: '{{count}} пропущен',
    skipped_few: '{{count}} пропущены',
    skipped_many: '{{count}} пропущено',
    skipped_other: '{{count}} пропущено',
    lineKept: 'строка {{line}}: импортирована, но {{reason}}',
    lineSkipped: 'строка {{line}}: пропущена: {{reason}}',
  },
  demo: {
    servingHere: 'CallPop не был запущен: теперь это он (Ctrl+C остановит его после демонстрации).',
    intoRunning: 'Демонстрация передаётся в запущенный CallPop.',
    stopped: 'CallPop остановился во время демонстрации ({{error}})',
    notConfirmed: 'CallPop не подтвердил событие демонстрации',
    refused: '→ отклонено: {{error}}',
    done: 'Демонстрация окончена. Без установленного 3CX Assistant сам набор через tel: не удаётся (об этом скажет уведомление);',
    doneWhere: 'звонки есть в истории и в `callpop export --format csv`.',
    exeDone: 'Демонстрация окончена: звонки есть в истории CallPop и в `CallPop.exe export`.',
    step: {
      rings: 'Входящий звонок с нидерландского мобильного (0612345678)…',
      ringsTwice: '…Assistant сообщает об одном и том же звонке дважды (повтор отброшен)',
      answered: '…и на него отвечают',
      secondRings: 'Второй входящий звонок из Берлина (+4930123456), пока идёт первый',
      missed: '…никто не отвечает: пропущен',
      firstEnds: 'Первый звонок завершается',
      anonymousRings: 'Звонит анонимный абонент…',
      anonymousAnswered:
        '…на звонок отвечают (флаги приходят в другом порядке и строчными буквами, как у Chromium в Windows)',
      hangsUp: '…и он кладёт трубку',
      telLink: 'Оператор нажимает ссылку tel:, чтобы позвонить на +31201234567',
      dialsOut:
        '…3CX набирает номер (исходящий S не несёт номера; CallPop связывает его с набором)',
      otherAnswers: '…другая сторона отвечает',
      callEnds: '…и звонок завершается',
    },
  },
};
