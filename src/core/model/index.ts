/** Model arithmetic: which layers are MoE, parameter counts, FLOPs. */
export * from './layers';
export * from './params';
export * from './flops';
