/** Export's pure parts: CSV both ways, the scenario file both ways, file names. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../core';
import { SCENARIO_PRESETS } from '../../presets/scenarios';
import { csvField, formulaSafe, parseCsv, toCsv } from './csv';
import { fileStem, readScenarioFile, scenarioFileText } from './scenarioFile';
import { slug } from './exportables';

describe('CSV', () => {
  it('quotes only what needs it (RFC 4180)', () => {
    expect(csvField('48.1 ms')).toBe('48.1 ms');
    expect(csvField('5,860,000')).toBe('"5,860,000"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(
      toCsv([
        ['a', 'b'],
        ['1', '2'],
      ]),
    ).toBe('a,b\r\n1,2\r\n');
  });

  it('neutralises text a spreadsheet would run as a formula, not numbers (CSV injection, OWASP)', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    for (const t of ['+1+cmd|x', '-2+3', '@SUM(A1)', '\tx', '-', '=']) expect(csvField(t)).toBe(`'${t}`);
    for (const t of ['-12.5', '-3', '+4', '-1e-9', '-7%', '-0.5']) expect(csvField(t)).toBe(t);
    expect(csvField('-1,234')).toBe('"-1,234"');
    expect(csvField(-12.5)).toBe('-12.5');
    expect(toCsv([['name'], ['=1+1']])).toBe("name\r\n'=1+1\r\n");
  });

  it('reads back what it writes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          expect(parseCsv(toCsv(rows))).toEqual(rows.map((r) => r.map(formulaSafe)));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('scenario file', () => {
  it('every preset round-trips to the same scenario', () => {
    for (const p of SCENARIO_PRESETS) {
      const r = readScenarioFile(scenarioFileText(p.scenario));
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      const a = parseScenario(p.scenario);
      const b = parseScenario(r.doc);
      expect(a.ok && b.ok && b.scenario).toEqual(a.ok && a.scenario);
    }
  });

  it('says why a file is not a scenario', () => {
    expect(readScenarioFile('{').ok).toBe(false);
    expect(readScenarioFile('[1]')).toEqual({ ok: false, messages: ['a scenario file holds one JSON object'] });
    const hf = readScenarioFile('{"num_hidden_layers": 32}');
    expect(hf.ok).toBe(false);
    if (!hf.ok) expect(hf.messages.join(' ')).toContain('num_hidden_layers');
  });

  it('names files after the model and the strategy', () => {
    expect(fileStem('Mixtral 8x7B', { tp: 2, pp: 2, dp: 4, ep: 8 })).toBe('mixtral-8x7b-tp2-pp2-dp4-ep8');
    expect(slug('Pipeline schedule, simulated')).toBe('pipeline-schedule-simulated');
  });
});
