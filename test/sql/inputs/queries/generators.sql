-- VALUES as a table, LATERAL VIEW [OUTER], table-valued generators, inline, stack
CREATE TEMPORARY VIEW arr AS SELECT * FROM VALUES (1, array(10, 20)), (2, array()), (3, NULL) AS arr(id, xs);
SELECT * FROM VALUES (1, 'one'), (2, 'two') AS v(n, s) ORDER BY n;
VALUES (1, 'a'), (2, 'b');
SELECT id, x FROM arr LATERAL VIEW explode(xs) e AS x ORDER BY id, x;
SELECT id, x FROM arr LATERAL VIEW OUTER explode(xs) e AS x ORDER BY id, x;
SELECT id, p, x FROM arr LATERAL VIEW posexplode(xs) e AS p, x ORDER BY id, p;
SELECT id, explode(xs) FROM arr ORDER BY id, 2;
SELECT * FROM range(3);
SELECT * FROM range(2, 10, 3);
SELECT * FROM explode(array(1, 2, 3));
SELECT * FROM inline(array(struct(1, 'a'), struct(2, 'b')));
SELECT stack(2, 1, 'a', 2, 'b');
SELECT * FROM posexplode(array('x', 'y'));
SELECT id, k, v FROM (SELECT 1 AS id, map('a', 1, 'b', 2) AS m) LATERAL VIEW explode(m) e AS k, v ORDER BY k;
SELECT inline(array(struct(1 AS a, 'x' AS b)));
SELECT id, j.* FROM (SELECT 1 AS id, '{"a": 1, "b": "q"}' AS js) LATERAL VIEW json_tuple(js, 'a', 'b') j AS a, b;
