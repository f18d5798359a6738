/** JSON lines (and multiLine documents) behind the format registry. */
import { FlintError } from "../../../errors/index.ts";
import type { FileFormat } from "../formats.ts";

export const jsonFormat: FileFormat = {
  name: "json",
  inferSchema: async () => {
    throw new FlintError("UNSUPPORTED_FEATURE", { feature: "reading JSON files" });
  },
  isSplittable: () => false,
  read: async () => {
    throw new FlintError("UNSUPPORTED_FEATURE", { feature: "reading JSON files" });
  },
};
