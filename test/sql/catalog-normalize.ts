/**
 * The golden harness's replacements for values that vary between runs and machines
 * (tools/spark-golden/generate.py `replace_not_included`, after Spark's
 * SQLQueryTestHelper): warehouse locations, creation times, owners. Applied to each
 * result line, with the warehouse directory of the session that produced it.
 */
const NOT_INCLUDED = "[not included in comparison]";

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function replaceNotIncluded(line: string, warehouse: string): string {
  const wh = escapeRegExp(warehouse);
  return line
    .replace(new RegExp(`Location.*${wh}/`, "g"), `Location ${NOT_INCLUDED}/{warehouse_dir}/`)
    .replace(new RegExp(`file:[^\\s,]*${wh}`, "g"), `file:${NOT_INCLUDED}/{warehouse_dir}`)
    .replace(/Created By.*/g, `Created By ${NOT_INCLUDED}`)
    .replace(/Created Time.*/g, `Created Time ${NOT_INCLUDED}`)
    .replace(/Last Access.*/g, `Last Access ${NOT_INCLUDED}`)
    .replace(/Owner\t.*/g, `Owner\t${NOT_INCLUDED}`)
    .replace(/Partition Statistics\t\d+/g, `Partition Statistics\t${NOT_INCLUDED}`);
}
