-- GROUP BY with ordinals, ALL, HAVING, GROUPING SETS, ROLLUP, CUBE, grouping()/grouping_id()
CREATE TEMPORARY VIEW sales AS SELECT * FROM VALUES
  ('eu', 'nl', 'a', 10), ('eu', 'nl', 'b', 20), ('eu', 'de', 'a', 5), ('us', 'ca', 'a', 7),
  ('us', 'ny', 'b', 3), ('us', 'ny', 'b', 4), (NULL, 'xx', 'a', 1) AS sales(region, country, product, amount);
SELECT region, sum(amount) FROM sales GROUP BY region ORDER BY region NULLS FIRST;
SELECT region, country, sum(amount) AS s FROM sales GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2;
SELECT region, product, count(*) FROM sales GROUP BY ALL ORDER BY region NULLS FIRST, product;
SELECT region, sum(amount) AS s FROM sales GROUP BY region HAVING sum(amount) > 10 ORDER BY region;
SELECT region, sum(amount) AS s FROM sales GROUP BY region HAVING s > 10 ORDER BY region;
SELECT region, country, sum(amount) FROM sales GROUP BY ROLLUP(region, country) ORDER BY region NULLS FIRST, country NULLS FIRST, 3;
SELECT region, product, sum(amount) FROM sales GROUP BY CUBE(region, product) ORDER BY region NULLS FIRST, product NULLS FIRST, 3;
SELECT region, product, sum(amount) FROM sales GROUP BY GROUPING SETS ((region), (product), ()) ORDER BY region NULLS FIRST, product NULLS FIRST, 3;
SELECT region, country, grouping(region), grouping(country), grouping_id(), sum(amount) FROM sales GROUP BY ROLLUP(region, country) ORDER BY 5, 1 NULLS FIRST, 2 NULLS FIRST;
SELECT region, country, sum(amount) FROM sales GROUP BY region, country WITH ROLLUP ORDER BY region NULLS FIRST, country NULLS FIRST, 3;
SELECT region, product, sum(amount) FROM sales GROUP BY region, product WITH CUBE ORDER BY region NULLS FIRST, product NULLS FIRST, 3;
SELECT region, count(DISTINCT country), count(DISTINCT product), sum(DISTINCT amount) FROM sales GROUP BY region ORDER BY region NULLS FIRST;
SELECT product, sum(amount) FILTER (WHERE region = 'eu') AS eu, sum(amount) FILTER (WHERE region = 'us') AS us FROM sales GROUP BY product ORDER BY product;
SELECT region, max_by(country, amount), min_by(country, amount), collect_list(product) FROM sales WHERE region IS NOT NULL GROUP BY region ORDER BY region;
SELECT count(*), sum(amount) FROM sales WHERE amount > 100;
SELECT region, avg(amount), stddev(amount), count_if(amount > 5), bool_and(amount > 0) FROM sales GROUP BY region ORDER BY region NULLS FIRST;
SELECT amount % 2 AS parity, count(*) FROM sales GROUP BY amount % 2 ORDER BY parity;

-- positions inside ROLLUP, CUBE and GROUPING SETS
SELECT a, count(*) FROM VALUES (1), (2) AS t(a) GROUP BY ROLLUP(1) ORDER BY 1;
SELECT a, b, count(*) FROM VALUES (1, 2), (2, 3) AS t(a, b) GROUP BY GROUPING SETS((1, 2), (2), ()) ORDER BY 1, 2;
SELECT a, b, count(*) FROM VALUES (1, 2), (2, 3) AS t(a, b) GROUP BY CUBE(1, 2) ORDER BY 1, 2;
SELECT a, count(*) FROM VALUES (1), (2) AS t(a) GROUP BY ROLLUP(9);
SELECT a, count(*) FROM VALUES (1), (2) AS t(a) GROUP BY CUBE(1, 2);
