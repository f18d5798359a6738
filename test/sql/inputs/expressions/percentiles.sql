-- Exact and approximate percentiles: single and array percentages, names with their
-- default parameters, constant checks, groups, nulls and empty input.

SELECT percentile(id, 0.5), percentile(id, array(0.5, 0.25)), median(id) FROM range(4);
SELECT percentile(col, 0.3), percentile(col, array(0.25, 0.75)), percentile(col, 0.25D) FROM VALUES (0), (10) AS tab(col);
SELECT approx_percentile(id, 0.5), percentile_approx(id, 0.5, 100), percentile_approx(id, array(0.5, 0.1)) FROM range(4);
SELECT percentile_approx(col, array(0.5, 0.4, 0.1), 100) FROM VALUES (0), (1), (2), (10) AS tab(col);
SELECT percentile_approx(id, 0.25 + 0.25) FROM range(10);
SELECT k, percentile(v, 0.5), percentile_approx(v, 0.5), median(v) FROM VALUES ('a', 1), ('a', 2), ('a', NULL), ('b', 5), ('c', NULL) AS t(k, v) GROUP BY k ORDER BY k;
SELECT percentile(v, 0.5), percentile_approx(v, array(0.5)) FROM VALUES (CAST(NULL AS INT)) AS t(v);
SELECT percentile(v, 0.5) FROM VALUES (1) AS t(v) WHERE v > 1;
SELECT percentile(CAST(v AS DOUBLE), array(0.0, 1.0)), percentile(v * 1.5, 0.5) FROM VALUES (1), (2), (3) AS t(v);
SELECT percentile(col, 1.5) FROM VALUES (0), (10) AS tab(col);
SELECT percentile(col, array(0.5, -0.1)) FROM VALUES (0), (10) AS tab(col);
SELECT percentile(col, id) FROM VALUES (0, 1) AS tab(col, id);
SELECT percentile_approx(col, 1.5) FROM VALUES (0), (10) AS tab(col);
SELECT percentile_approx(col, id) FROM VALUES (0, 1) AS tab(col, id);
