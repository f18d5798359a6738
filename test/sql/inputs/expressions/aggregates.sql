-- Aggregate functions over a small inline table with NULLs.

CREATE OR REPLACE TEMPORARY VIEW agg AS SELECT * FROM VALUES
  ('a', 1, 1.5D, CAST(1.10 AS DECIMAL(5, 2)), 'x'),
  ('a', 2, NULL, CAST(2.20 AS DECIMAL(5, 2)), 'y'),
  ('a', NULL, 2.5D, NULL, 'x'),
  ('b', 3, 3.0D, CAST(3.30 AS DECIMAL(5, 2)), NULL),
  ('b', 3, NULL, CAST(0.01 AS DECIMAL(5, 2)), 'z'),
  ('c', NULL, NULL, NULL, NULL)
  AS agg(k, i, d, m, s);

-- without GROUP BY
SELECT count(*) FROM agg;
SELECT count(1) FROM agg;
SELECT count(i) FROM agg;
SELECT count(s) FROM agg;
SELECT count(NULL) FROM agg;
SELECT count(DISTINCT i) FROM agg;
SELECT count(DISTINCT k) FROM agg;
SELECT count(DISTINCT i, s) FROM agg;
SELECT count(i, s) FROM agg;
SELECT sum(i) FROM agg;
SELECT sum(d) FROM agg;
SELECT sum(m) FROM agg;
SELECT sum(DISTINCT i) FROM agg;
SELECT avg(i) FROM agg;
SELECT avg(d) FROM agg;
SELECT avg(m) FROM agg;
SELECT avg(DISTINCT i) FROM agg;
SELECT min(i), max(i) FROM agg;
SELECT min(s), max(s) FROM agg;
SELECT min(d), max(m) FROM agg;
SELECT min(k), max(k) FROM agg;
SELECT first(i), last(i) FROM agg;
SELECT first(i, true), last(i, true) FROM agg;
SELECT first(d) IGNORE NULLS, last(d) IGNORE NULLS FROM agg;
SELECT collect_list(s) FROM agg;
SELECT sort_array(collect_list(i)) FROM agg;
SELECT sort_array(collect_set(i)) FROM agg;
SELECT sort_array(collect_set(s)) FROM agg;
SELECT sum(i) + 1, count(*) * 2 FROM agg;
SELECT sum(i) FILTER (WHERE i > 1) FROM agg;
SELECT sum(s) FROM agg;
SELECT avg(s) FROM agg;

-- empty input and all-NULL input
SELECT count(*), sum(i), avg(i), min(i), max(s), collect_list(i) FROM agg WHERE false;
SELECT count(i), sum(i), avg(i), sort_array(collect_set(i)) FROM agg WHERE k = 'c';

-- with GROUP BY (rows are sorted by the harness when there is no ORDER BY)
SELECT k, count(*) FROM agg GROUP BY k;
SELECT k, count(i), sum(i), avg(i) FROM agg GROUP BY k;
SELECT k, min(s), max(s) FROM agg GROUP BY k;
SELECT k, sum(m), avg(m) FROM agg GROUP BY k;
SELECT k, avg(d) FROM agg GROUP BY k;
SELECT k, count(DISTINCT s) FROM agg GROUP BY k;
SELECT k, first(s), last(s) FROM agg GROUP BY k;
SELECT k, sort_array(collect_set(s)) FROM agg GROUP BY k;
SELECT k, sort_array(collect_list(i)) FROM agg GROUP BY k;
SELECT k, sum(i) FILTER (WHERE i > 1) FROM agg GROUP BY k;
SELECT i, count(*) FROM agg GROUP BY i;
SELECT k, count(*) FROM agg GROUP BY k HAVING count(*) > 1;
SELECT k, sum(i) FROM agg GROUP BY k ORDER BY k DESC;
SELECT k FROM agg GROUP BY k;
SELECT DISTINCT k FROM agg;
SELECT i FROM agg GROUP BY k;

-- result types and overflow
SELECT sum(a) FROM VALUES (2147483647), (1) AS v(a);
SELECT sum(a) FROM VALUES (1Y), (2Y) AS v(a);
SELECT sum(a) FROM VALUES (1.5F), (2.5F) AS v(a);
SELECT sum(a) FROM VALUES (9223372036854775807L), (1L) AS v(a);
SELECT try_sum(a) FROM VALUES (9223372036854775807L), (1L) AS v(a);
SELECT sum(a) FROM VALUES (1.5), (2.25) AS v(a);
SELECT sum(a) FROM VALUES (CAST(99999999999999999999999999999999999999 AS DECIMAL(38, 0))), (CAST(1 AS DECIMAL(38, 0))) AS v(a);
SELECT avg(a) FROM VALUES (1), (2) AS v(a);
SELECT avg(a) FROM VALUES (1L), (2L), (2L) AS v(a);
SELECT avg(a) FROM VALUES (CAST(1 AS DECIMAL(10, 0))), (CAST(2 AS DECIMAL(10, 0))) AS v(a);
SELECT avg(a) FROM VALUES (1.5), (2.25) AS v(a);
SELECT avg(a) FROM VALUES (CAST(1 AS DECIMAL(38, 0))), (CAST(2 AS DECIMAL(38, 0))) AS v(a);
SELECT max(a), min(a) FROM VALUES (1.0D), (CAST('NaN' AS DOUBLE)), (-1.0D) AS v(a);
SELECT bool_and(b), bool_or(b) FROM VALUES (true), (false), (NULL) AS v(b);
SELECT every(b), some(b), any(b) FROM VALUES (true), (NULL) AS v(b);
