/**
 * What is wrong with a JSON text, said without quoting any of it. Node's JSON.parse messages quote
 * the input ("Unexpected token 'o', "{"apiToken": to..." is not valid JSON"), so a token inside a
 * malformed argument would reach stderr or an MCP answer; this names the problem and its position only.
 * jsonc-parser (VS Code's JSON scanner) reports every syntax error with its offset and a code.
 */
import { parse, type ParseError, ParseErrorCode } from 'jsonc-parser';

const WHAT: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: 'unexpected character',
  [ParseErrorCode.InvalidNumberFormat]: 'malformed number',
  [ParseErrorCode.PropertyNameExpected]: 'expected a property name in double quotes',
  [ParseErrorCode.ValueExpected]: 'expected a value',
  [ParseErrorCode.ColonExpected]: 'expected a colon',
  [ParseErrorCode.CommaExpected]: 'expected a comma',
  [ParseErrorCode.CloseBraceExpected]: 'expected a closing }',
  [ParseErrorCode.CloseBracketExpected]: 'expected a closing ]',
  [ParseErrorCode.EndOfFileExpected]: 'unexpected text after the JSON value',
  [ParseErrorCode.InvalidCommentToken]: 'comments are not allowed',
  [ParseErrorCode.UnexpectedEndOfComment]: 'comments are not allowed',
  [ParseErrorCode.UnexpectedEndOfString]: 'unterminated string',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'incomplete number',
  [ParseErrorCode.InvalidUnicode]: 'invalid \\u escape',
  [ParseErrorCode.InvalidEscapeCharacter]: 'invalid escape sequence',
  [ParseErrorCode.InvalidCharacter]: 'control character inside a string',
};

/** Line and column (1-based) of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** `expected a value at line 1, column 7`; `empty` for blank text. Never any of the text itself. */
export function jsonSyntaxProblem(text: string, v8Error?: unknown): string {
  if (!text.trim()) return 'empty';
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first) {
    const { line, column } = lineAndColumn(text, first.offset);
    return `${WHAT[first.error] ?? 'syntax error'} at line ${line}, column ${column}`;
  }
  // Both parsers rarely disagree; then only the position from V8's message, never its wording.
  const position = /at position (\d+)/.exec(String((v8Error as Error | undefined)?.message ?? ''));
  if (position) {
    const { line, column } = lineAndColumn(text, Number(position[1]));
    return `syntax error at line ${line}, column ${column}`;
  }
  return 'syntax error';
}

/** JSON.parse, throwing an Error whose message says what and where, without quoting the text. */
export function parseJsonQuietly(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${what} is not valid JSON: ${jsonSyntaxProblem(text, error)}.`);
  }
}
