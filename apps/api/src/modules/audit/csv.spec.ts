import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv.js';

describe('csv writer', () => {
  it('leaves plain text as it is and writes null / undefined as empty cells', () => {
    expect(csvRow(['postmortem.status_changed', 'Ada Admin', null, undefined, 42])).toBe(
      'postmortem.status_changed,Ada Admin,,,42\r\n',
    );
  });

  it('quotes cells with commas, quotes and line breaks, doubling inner quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
  });

  it('neutralises formulas: = + - @ tab and CR at the start get a leading quote', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+1+2')).toBe("'+1+2");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('a=1')).toBe('a=1');
  });

  it('writes objects as JSON (one cell)', () => {
    expect(csvCell({ status: 'draft', n: 'a,b' })).toBe('"{""status"":""draft"",""n"":""a,b""}"');
  });
});
