/**
 * Bytes per stored element of each number format. Every tensor the model
 * keeps (weights, gradients, optimizer state, activations, KV cache) looks its
 * size up here, so giving one of them its own format (an FP8 KV cache, MXFP4
 * weights for serving) changes which format it names, not a byte count at a
 * call site.
 */

/** Number formats a tensor can be stored in. The scenario's `Precision` is a subset. */
export type StoragePrecision = 'fp32' | 'bf16' | 'fp16' | 'fp8' | 'fp4' | 'mxfp4' | 'nvfp4';

/**
 * Bytes per element, block scales included:
 * - fp32 4; bf16 and fp16 2; fp8 1 (its per-tensor scale is negligible);
 * - fp4 0.5: the 4-bit elements alone;
 * - mxfp4 0.5 + 1/32: one 8-bit E8M0 scale per block of 32 (OCP Microscaling
 *   Formats (MX) specification v1.0, 2023);
 * - nvfp4 0.5 + 1/16: one FP8 E4M3 scale per block of 16 (NVIDIA Blackwell's
 *   NVFP4; its one fp32 scale per tensor is negligible).
 */
export function bytesPerElement(p: StoragePrecision): number {
  switch (p) {
    case 'fp32':
      return 4;
    case 'bf16':
    case 'fp16':
      return 2;
    case 'fp8':
      return 1;
    case 'fp4':
      return 0.5;
    case 'mxfp4':
      return 0.5 + 1 / 32;
    case 'nvfp4':
      return 0.5 + 1 / 16;
  }
}
