/**
 * Every expert on every token: TensorRT-LLM's plugin-free MoE ("MoeOOTB",
 * tensorrt_llm/layers/moe.py, forward_experts) runs each expert's MLP on
 * all hidden states and multiplies the output by the router's weight for
 * that expert (zero where it was not chosen), then sums. It is what an engine
 * falls back to when its MoE kernel lacks a mode: TensorRT-LLM's MoE plugin
 * had no FP8 path for Mixtral before 0.10 (issue #1241, March 2024: "We will
 * support W8A8 (in FP8)"; 0.10.0 release notes: "Added FP8 quantization
 * support for Mixtral").
 *
 * Time follows E/k times the routed expert work and no token permutation;
 * with expert parallelism each GPU needs every token of its group (an
 * all-gather in, a reduce-scatter out: the volume of an all-to-all that sends
 * each token to all n GPUs). Reported model FLOPs still count the routed work.
 */
import type { RoutingOutcome } from '../routing/outcome';
import type { Scenario } from '../scenario/types';

export interface ExpertWork {
  /** Token–expert pairs this GPU's experts process per micro-batch. */
  assignments: number;
  activeExperts: number;
  /** Copies of each token the expert all-to-all moves, and what the busiest GPU receives per copy. */
  copiesPerToken: number;
  dispatchFactor: number;
  dense: boolean;
}

export function expertWork(s: Scenario, routing: RoutingOutcome, epSize: number): ExpertWork {
  const moe = s.model.moe;
  if (!moe || !s.workload.denseExperts) {
    return {
      assignments: routing.busiestAssignments,
      activeExperts: routing.busiestActiveExperts,
      copiesPerToken: moe?.topK ?? 0,
      dispatchFactor: routing.dispatchFactor,
      dense: false,
    };
  }
  // The tokens of the GPU's EP group exactly as routing counted them, so the
  // dense work and the routed work (and the model FLOPs) describe one group,
  // even when the strategy's EP group cannot be formed and placement shrank it.
  const groupTokens = routing.summary?.tokensPerMicroBatch ?? 0;
  return {
    assignments: groupTokens * routing.expertsPerGpu,
    activeExperts: routing.expertsPerGpu,
    copiesPerToken: epSize,
    dispatchFactor: 1,
    dense: true,
  };
}
