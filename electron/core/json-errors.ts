// Where and why a JSON text does not parse, without a word of its content. JSON.parse's own
// message quotes the text (`Unexpected token 'S', "{"apiKey":SECRET-"... is not valid JSON`),
// and for settings.json that text is the agent's secrets, so it never reaches a log line or
// the UI. jsonc-parser (strict options: no comments, no trailing commas) finds the first error
// and its offset without throwing; we turn that into a line, a column and a reason.
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

const REASONS: Record<string, string> = {
  InvalidSymbol: 'a character that cannot start a value (a missing quote?)',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'a setting name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a colon was expected',
  CommaExpected: 'a comma was expected',
  CloseBraceExpected: 'a closing } was expected',
  CloseBracketExpected: 'a closing ] was expected',
  EndOfFileExpected: 'the text goes on after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed',
  UnexpectedEndOfComment: 'comments are not allowed',
  UnexpectedEndOfString: 'a text value is not closed (a missing quote?)',
  UnexpectedEndOfNumber: 'a malformed number',
  InvalidUnicode: 'a malformed \\u escape',
  InvalidEscapeCharacter: 'a malformed escape (\\) in a text value',
  InvalidCharacter: 'a control character (such as a raw line break) inside a text value',
};

/** `line 3, column 12: a comma was expected`; never any of `text` itself. */
export function describeJsonError(text: string): string {
  const errors: ParseError[] = [];
  parse(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (!first) return 'not valid JSON';
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = first.offset - (before.lastIndexOf('\n') + 1) + 1;
  const reason = REASONS[printParseErrorCode(first.error)] ?? 'not valid JSON';
  return `line ${line}, column ${column}: ${reason}`;
}
