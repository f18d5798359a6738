-- approx_count_distinct is Spark's HyperLogLog++: estimates, not exact counts, equal to
-- Spark's for every type, precision and group, through partial and final aggregation.

SELECT approx_count_distinct(col1) FROM VALUES (1), (1), (2), (2), (3) tab(col1);
SELECT approx_count_distinct(id), approx_count_distinct(id % 1000), approx_count_distinct(CAST(id AS STRING), 0.01), approx_count_distinct(id * 1.5D) FROM range(0, 100000, 1, 4);
SELECT approx_count_distinct(id % 100), approx_count_distinct(id % 500), approx_count_distinct(id % 2000, 0.1), approx_count_distinct(CAST(id % 7 AS INT)) FROM range(0, 10000, 1, 3);
SELECT approx_count_distinct(DATE'2020-01-01' + CAST(id % 300 AS INT)), approx_count_distinct(CAST(id % 3000 AS DECIMAL(10, 2))), approx_count_distinct(id % 50 = 0) FROM range(0, 10000, 1, 2);
SELECT id % 3 AS k, approx_count_distinct(id), approx_count_distinct(CAST(id % 1700 AS STRING), 0.02) FROM range(0, 60000, 1, 4) GROUP BY id % 3 ORDER BY k;
SELECT approx_count_distinct(CAST(id % 2 AS DOUBLE) * -0.0D), approx_count_distinct(CAST(NULL AS INT)) FROM range(10);
SELECT approx_count_distinct(x) FROM VALUES (CAST(NULL AS STRING)) AS t(x) WHERE x IS NOT NULL;
SELECT approx_count_distinct(id, 0.5) FROM range(10);
