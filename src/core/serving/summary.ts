/**
 * Serving metrics of a static batch (cost-model.md §10): time to first token,
 * time per output token, end to end, throughputs, and the largest batch the
 * KV cache allows. The prefill and the decode are each evaluated by the full
 * evaluator (pipeline, communication, routing), so the numbers here are the
 * same physics as the phase the page shows.
 */
import type { Evaluation, ServingSummary } from '../evaluation';
import type { Phase, Scenario } from '../scenario/types';

/** Evaluates a variant of the scenario (one phase), without sweep or serving summary. */
export type PhaseEvaluator = (s: Scenario) => Evaluation;

export function withPhase(s: Scenario, phase: Phase): Scenario {
  return { ...s, workload: { ...s.workload, phase }, claims: null };
}

/**
 * `current` is the evaluation of the scenario as given (either phase); the
 * other phase comes from `evaluatePhase`. Null in training.
 */
export function servingSummary(current: Evaluation, evaluatePhase: PhaseEvaluator): ServingSummary | null {
  const s = current.scenario;
  const w = s.workload;
  if (w.mode === 'training') return null;
  const prefill = w.phase === 'prefill' ? current : evaluatePhase(withPhase(s, 'prefill'));
  const decode = w.phase === 'decode' ? current : evaluatePhase(withPhase(s, 'decode'));
  const gpus = s.parallel.tp * s.parallel.pp * s.parallel.dp;

  const ttft = prefill.latencySeconds;
  // The decode evaluation runs decodeTokens steps at the mean KV length.
  const tpot = decode.latencySeconds / w.decodeTokens;
  const endToEnd = ttft + (w.decodeTokens - 1) * tpot;
  const outputTokens = w.globalBatch * w.decodeTokens;
  const kv = kvLimit(decode, s);
  return {
    ttftSeconds: ttft,
    tpotSeconds: tpot,
    endToEndSeconds: endToEnd,
    prefillTokensPerSec: (w.globalBatch * w.seqLen) / ttft,
    decodeTokensPerSec: w.globalBatch / tpot,
    outputTokensPerSec: outputTokens / endToEnd,
    outputTokensPerSecPerGpu: outputTokens / endToEnd / gpus,
    tokensPerSecPerUser: 1 / tpot,
    kvBytesPerSequence: kv.perSequence,
    maxBatchByKv: kv.maxBatch,
    prefillPeakBytes: prefill.memory.peakBytes,
    decodePeakBytes: decode.memory.peakBytes,
    fits:
      prefill.memory.peakBytes <= prefill.memory.capacityBytes &&
      decode.memory.peakBytes <= decode.memory.capacityBytes,
  };
}

/**
 * KV-limited batch: on every stage, the memory left beside everything but
 * the cache, over one sequence's cache at its final length; the tightest
 * stage decides, times the data-parallel replicas that each hold their own
 * sequences. Working memory is taken at the current batch.
 */
function kvLimit(decode: Evaluation, s: Scenario): { perSequence: number; maxBatch: number } {
  const sequencesPerGpu = s.workload.globalBatch / s.parallel.dp;
  let perSequence = 0;
  let maxPerGpu = Infinity;
  for (const st of decode.memory.perStage) {
    const seqBytes = st.breakdown.kvCache / sequencesPerGpu;
    if (!(seqBytes > 0)) continue;
    perSequence = Math.max(perSequence, seqBytes);
    const free = decode.memory.capacityBytes - (st.totalBytes - st.breakdown.kvCache);
    maxPerGpu = Math.min(maxPerGpu, Math.max(0, Math.floor(free / seqBytes)));
  }
  return { perSequence, maxBatch: Number.isFinite(maxPerGpu) ? maxPerGpu * s.parallel.dp : 0 };
}
