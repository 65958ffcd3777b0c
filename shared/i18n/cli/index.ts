// The command line's messages, as an i18next namespace ('cli') beside the UI catalog: only the
// `callpop` command and `CallPop.exe export|demo|contacts|--help` print them.
import { cliEn } from './en';
import { cliNl } from './nl';
import { cliDe } from './de';
import { cliRu } from './ru';

export type { CliMessages } from './en';
export { englishCliText, type CliKey, type CliParams } from './english';

export const cliStrings = { en: cliEn, nl: cliNl, de: cliDe, ru: cliRu } as const;
