-- TABLESAMPLE (deterministic cases) and hints: results are the same whatever the plan
CREATE TEMPORARY VIEW big AS SELECT id, id % 7 AS k FROM range(100);
CREATE TEMPORARY VIEW small AS SELECT * FROM VALUES (0, 'zero'), (1, 'one'), (2, 'two') AS small(k, name);
SELECT count(*) FROM big TABLESAMPLE (100 PERCENT);
SELECT count(*) FROM big TABLESAMPLE (0 PERCENT);
SELECT count(*) FROM big TABLESAMPLE (5 ROWS);
SELECT /*+ BROADCAST(small) */ name, count(*) FROM big JOIN small ON big.k = small.k GROUP BY name ORDER BY name;
SELECT /*+ MERGE(big, small) */ name, count(*) FROM big JOIN small ON big.k = small.k GROUP BY name ORDER BY name;
SELECT /*+ SHUFFLE_HASH(small) */ name, count(*) FROM big JOIN small ON big.k = small.k GROUP BY name ORDER BY name;
SELECT /*+ SHUFFLE_REPLICATE_NL(small) */ count(*) FROM big JOIN small ON big.k < small.k;
SELECT /*+ REPARTITION(3) */ count(*) FROM big;
SELECT /*+ COALESCE(1) */ k, count(*) FROM big GROUP BY k ORDER BY k;
SELECT /*+ REPARTITION(2, k) */ k, count(*) FROM big GROUP BY k ORDER BY k;
SELECT /*+ REBALANCE */ count(*) FROM big;
