-- Seeded random functions draw Spark's numbers: XORShiftRandom seeded with seed plus the
-- partition index, per partition. Partition counts are explicit (the Spark oracle runs
-- local[1], Flint's runner local[2]).

SELECT rand(42), randn(42) FROM range(0, 3, 1, 1);
SELECT id, rand(7) FROM range(0, 4, 1, 1);
SELECT id, rand(42), randn(0) FROM range(0, 6, 1, 3);
SELECT id, rand(-1), random(123456789012) FROM range(0, 4, 1, 2);
SELECT rand(NULL), randn(CAST(NULL AS BIGINT));
SELECT rand(1 + 1), randn(CAST(5 AS INT));
CREATE TEMPORARY VIEW v AS SELECT * FROM range(0, 30, 1, 2);
SELECT id FROM v TABLESAMPLE (40 PERCENT) REPEATABLE (7) ORDER BY id;
SELECT count(*) FROM (SELECT rand(3) AS r FROM range(0, 1000, 1, 2)) WHERE r < 0.5;
SELECT rand(1.5);
SELECT rand('x');
SELECT rand(id) FROM range(1);
