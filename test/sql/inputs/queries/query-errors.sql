-- errors: class, SQLSTATE, parameters and query fragment as Spark gives them
CREATE TEMPORARY VIEW t AS SELECT * FROM VALUES (1, 'a') AS t(id, name);
SELECT idd FROM t;
SELECT * FROM missing_table;
SELECT lenght(name) FROM t;
SELECT substr() FROM t;
SELECT CAST('abc' AS INT);
SELECT id FROM t GROUP BY name;
SELECT FROM t;
SELECT id, FROM t;
SELECT sum(id) FROM t WHERE sum(id) > 1;
SELECT 1 / 0;
SELECT t.nosuch FROM t;
SELECT id FROM t ORDER BY 5;
SELECT * FROM t JOIN t USING (nosuch);
SELECT max(id) OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND 1 PRECEDING) FROM t;
