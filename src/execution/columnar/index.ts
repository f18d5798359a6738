export * from "./arrow-ipc.ts";
export * from "./batch.ts";
export * from "./builder.ts";
export * from "./compare.ts";
export * from "./kernels.ts";
export * from "./vector.ts";
