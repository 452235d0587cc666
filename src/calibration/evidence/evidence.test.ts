/**
 * The project's own published evidence (training-runs.json, serving-runs.json):
 * every row has its source, permalink, release and quote, the quote states the
 * figure, derived step times follow the stated formula, and each layout is one
 * the explorer can build.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../core';
import { readFixture } from '../fixtures';
import {
  EVIDENCE_SERVING_ROWS,
  EVIDENCE_TRAINING_ROWS,
  checkServingEvidence,
  checkTrainingEvidence,
  derivedStepSeconds,
  evidenceScenario,
  inexpressibleReason,
  quotedFigures,
  type EvidenceServingRow,
  type EvidenceTrainingRow,
} from './evidence';

const training = EVIDENCE_TRAINING_ROWS;
const serving = EVIDENCE_SERVING_ROWS;
const byId = (id: string) => training.find((r) => r.id === id)!;

describe('evidence rows', () => {
  it('holds the rows gathered for issue 14 item 5', () => {
    expect(training.length).toBeGreaterThanOrEqual(20);
    expect(serving.length).toBeGreaterThanOrEqual(5);
  });

  it.each(training.map((r) => r.id))('training %s: source, layout, precision and figure check out', (id) => {
    expect(checkTrainingEvidence(byId(id))).toEqual([]);
  });

  it.each(serving.map((r) => r.id))('serving %s: source, layout, precision and figure check out', (id) => {
    expect(checkServingEvidence(serving.find((r) => r.id === id)!)).toEqual([]);
  });

  it('ids are unique and new: none repeats a shared-fixture row', () => {
    const ids = [...training, ...serving].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const shared = [
      ...readFixture<{ rows: { id: string }[] }>('framework-training-runs.json').rows,
      ...readFixture<{ rows: { id: string }[] }>('framework-serving-runs.json').rows,
    ].map((r) => r.id);
    expect(ids.filter((id) => shared.includes(id))).toEqual([]);
  });

  it('a step time derived from tokens/s is globalBatch x seqLen / (tokens/s/GPU x GPUs): Llama 3 70B on 64 H100', () => {
    // 256 x 8192 / (1664 x 64) = 19.6923 s, by hand.
    expect(byId('bridge260401-h100-llama3-70b-fp8').measured.stepSeconds).toBeCloseTo(19.6923, 4);
  });

  it('MLPerf GPT-3 rows: the logged median step time, and global batch = accumulation steps x dp', () => {
    const r = byId('mlperf31-h100-gpt3-175b-512gpu');
    expect(r.measured.stepSeconds).toBeCloseTo(11.0453, 4);
    expect((r.published.gradientAccumulationSteps as number) * r.dp * r.microBatchSize).toBe(r.globalBatch);
  });

  it('MLPerf v4.0 rows: a training block of whole steps between its two log times', () => {
    const r = byId('mlperf40-h100-gpt3-175b-512gpu');
    // (1715045261262 - 1715045141330) ms over 11 steps of 2304 x 2048 tokens = 10.9029 s, by hand.
    expect(derivedStepSeconds(r)).toBeCloseTo(10.9029, 4);
    expect(quotedFigures(r)).toEqual([1715045141330, 1715045261262]);
  });

  it('rows with context parallelism are named as not yet expressible; the others are not', () => {
    expect(inexpressibleReason(byId('bridge2606-h100-llama31-405b-fp8-cp2'))).toMatch(/context parallelism 2/);
    expect(inexpressibleReason(byId('bridge260401-h100-llama3-70b-fp8'))).toBeNull();
  });

  it.each(training.filter((r) => !inexpressibleReason(r)).map((r) => r.id))(
    'training %s: its scenario breaks no layout rule',
    (id) => {
      const e = evaluate(evidenceScenario(byId(id)));
      // Memory is physics, not layout: a run that fit but is predicted not to is a finding, not a bad row.
      expect(e.violations.filter((v) => v.severity === 'error' && v.code !== 'MEMORY')).toEqual([]);
    },
  );

  it("a source's stated switches reach the scenario", () => {
    const s = evidenceScenario(byId('bridge260401-h100-llama3-70b-fp8')) as {
      parallel: { overlap: { tpComm: boolean } };
    };
    expect(s.parallel.overlap.tpComm).toBe(true);
  });
});

describe('the checks name the field at fault', () => {
  const good = () => structuredClone(byId('bridge260401-h100-llama3-70b-fp8')) as EvidenceTrainingRow;

  it('a missing permalink, release or quote', () => {
    const r = { ...good(), url: 'github.com/x', released: '', quote: '' };
    const problems = checkTrainingEvidence(r).join('\n');
    expect(problems).toMatch(/`url` must be an https:\/\/ link/);
    expect(problems).toMatch(/`released`/);
    expect(problems).toMatch(/`quote` must be the exact line/);
  });

  it('a quote that does not state the figure', () => {
    expect(checkTrainingEvidence({ ...good(), quote: '| DGX-H100 | 64 | FP8 |' })).toEqual([
      'training row bridge260401-h100-llama3-70b-fp8: `quote` must state the published figure 1664',
    ]);
  });

  it('a layout whose sizes do not multiply to the GPU count', () => {
    expect(checkTrainingEvidence({ ...good(), dp: 4 }).join('\n')).toMatch(/`count` 64 must equal tp x pp x cp x dp/);
  });

  it('a step time that does not follow from the published tokens/s', () => {
    const r = good();
    r.measured = { stepSeconds: r.measured.stepSeconds * 1.01 };
    expect(checkTrainingEvidence(r).join('\n')).toMatch(
      /`measured.stepSeconds` .* must equal the step time its published figures give, 19.6923/,
    );
  });

  it('a GPU the catalog does not have, and an unknown precision', () => {
    const problems = checkTrainingEvidence({ ...good(), gpu: 'gb200', precision: 'fp4' as 'fp8' }).join('\n');
    expect(problems).toMatch(/`gpu` "gb200" is not a catalog GPU/);
    expect(problems).toMatch(/`precision` must be one of bf16, fp16, fp8/);
  });

  it('a decode rate per user that does not follow from the quoted inter-token latency', () => {
    const row = structuredClone(serving.find((r) => r.id === 'nim18-h100x2-llama33-70b-decode-isl5000')!);
    // 1000 / 18.58 ms = 53.82 tokens/s, by hand.
    expect(row.measured.tokPerSecPerUser).toBeCloseTo(53.82, 2);
    row.measured = { tokPerSecPerUser: 60 };
    expect(checkServingEvidence(row).join('\n')).toMatch(
      /`measured.tokPerSecPerUser` 60 must equal 1000 \/ published.itlMs = 53.82/,
    );
  });

  it('a serving row with an unknown kind or a measured figure its quote lacks', () => {
    const row = structuredClone(serving.find((r) => r.kind === 'offline_tput')!) as EvidenceServingRow;
    expect(checkServingEvidence({ ...row, kind: 'burst' as 'static' }).join('\n')).toMatch(/`kind` must be one of/);
    expect(checkServingEvidence({ ...row, quote: 'Tokens per second: 1' }).join('\n')).toMatch(
      /`quote` must state the measured figure 24524.9/,
    );
  });
});
