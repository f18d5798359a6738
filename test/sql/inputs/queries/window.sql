-- window functions: ranking, offsets, aggregates over ROWS/RANGE frames, named windows, QUALIFY
CREATE TEMPORARY VIEW w AS SELECT * FROM VALUES
  ('a', 1, 10), ('a', 2, 20), ('a', 3, 20), ('a', 4, NULL), ('b', 1, 5), ('b', 2, 15), ('c', 1, 7) AS w(g, t, v);
SELECT g, t, v, row_number() OVER (PARTITION BY g ORDER BY t) AS rn FROM w ORDER BY g, t;
SELECT g, t, v, rank() OVER (PARTITION BY g ORDER BY v), dense_rank() OVER (PARTITION BY g ORDER BY v) FROM w ORDER BY g, t;
SELECT g, t, percent_rank() OVER (PARTITION BY g ORDER BY t), cume_dist() OVER (PARTITION BY g ORDER BY t), ntile(2) OVER (PARTITION BY g ORDER BY t) FROM w ORDER BY g, t;
SELECT g, t, lag(v) OVER (PARTITION BY g ORDER BY t), lead(v, 1, -1) OVER (PARTITION BY g ORDER BY t) FROM w ORDER BY g, t;
SELECT g, t, sum(v) OVER (PARTITION BY g ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running FROM w ORDER BY g, t;
SELECT g, t, sum(v) OVER (PARTITION BY g ORDER BY t ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS s3 FROM w ORDER BY g, t;
SELECT g, t, v, sum(v) OVER (PARTITION BY g ORDER BY v RANGE BETWEEN 5 PRECEDING AND CURRENT ROW) AS r FROM w ORDER BY g, t;
SELECT g, t, avg(v) OVER (PARTITION BY g) AS a, count(*) OVER () AS c FROM w ORDER BY g, t;
SELECT g, t, first_value(v) OVER (PARTITION BY g ORDER BY t), last_value(v) OVER (PARTITION BY g ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM w ORDER BY g, t;
SELECT g, t, nth_value(v, 2) OVER (PARTITION BY g ORDER BY t) FROM w ORDER BY g, t;
SELECT g, t, min(v) OVER win, max(v) OVER win FROM w WINDOW win AS (PARTITION BY g ORDER BY t) ORDER BY g, t;
SELECT g, t, v FROM w QUALIFY row_number() OVER (PARTITION BY g ORDER BY v DESC NULLS LAST) = 1 ORDER BY g;
SELECT g, sum(v), rank() OVER (ORDER BY sum(v) DESC) FROM w GROUP BY g ORDER BY g;
SELECT g, t, v - lag(v) OVER (PARTITION BY g ORDER BY t) AS delta FROM w ORDER BY g, t;
