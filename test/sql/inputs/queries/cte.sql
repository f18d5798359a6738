-- common table expressions: nesting, shadowing, reuse, recursive
CREATE TEMPORARY VIEW t AS SELECT * FROM VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, NULL) AS t(k, v);
WITH a AS (SELECT k, v FROM t WHERE k > 1) SELECT * FROM a ORDER BY k;
WITH a AS (SELECT k FROM t), b AS (SELECT k * 10 AS k10 FROM a) SELECT * FROM b ORDER BY k10;
WITH a AS (SELECT k FROM t) SELECT x.k, y.k FROM a x JOIN a y ON x.k = y.k + 1 ORDER BY x.k;
WITH t AS (SELECT 100 AS k) SELECT * FROM t;
WITH a AS (WITH b AS (SELECT k FROM t WHERE k < 3) SELECT k + 1 AS k FROM b) SELECT * FROM a ORDER BY k;
WITH a AS (SELECT count(*) AS c FROM t) SELECT c, (SELECT max(k) FROM t) AS m FROM a;
SELECT * FROM (WITH a AS (SELECT k FROM t) SELECT k FROM a WHERE k = 2);
WITH a(x, y) AS (SELECT k, v FROM t) SELECT y, x FROM a ORDER BY x;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT * FROM r ORDER BY n;
WITH a AS (SELECT 1 AS x), a AS (SELECT 2 AS x) SELECT * FROM a;
