// What reading a contacts file gives back: the contacts it could read, with the line each one
// started on, and every row it could not use, with its line and the reason.
import type { ContactInput } from './contact';

export type ContactFileFormat = 'outlook-csv' | 'google-csv' | 'csv' | 'vcard';

export interface ImportedContact {
  /** 1-based line of the file where this contact starts. */
  line: number;
  contact: ContactInput;
}

export interface ImportProblem {
  line: number;
  reason: string;
  /** true: the row was imported without the part named in `reason`; false: row skipped. */
  kept: boolean;
}

export interface ParsedContacts {
  format: ContactFileFormat;
  contacts: ImportedContact[];
  problems: ImportProblem[];
}

/** Why a whole file was refused: the command line prints it in the agent's language. */
export type ContactFileProblem = 'zip' | 'xls' | 'binary' | 'empty' | 'unrecognised';

/** A file that cannot be read as contacts at all (empty, a workbook, an image …). */
export class ContactFileError extends Error {
  constructor(
    message: string,
    readonly problem: ContactFileProblem,
  ) {
    super(message);
  }
}
