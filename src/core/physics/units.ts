/** Bytes in one "GB" of GPU memory: vendors' HBM sizes are binary (an "80 GB" H100 holds 80 GiB). */
export const GPU_MEMORY_GB_BYTES = 2 ** 30;
