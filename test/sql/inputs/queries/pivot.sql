-- PIVOT and UNPIVOT
CREATE TEMPORARY VIEW q AS SELECT * FROM VALUES ('nl', 2023, 10), ('nl', 2024, 12), ('de', 2023, 7), ('de', 2024, NULL), ('fr', 2024, 3) AS q(country, yr, amount);
CREATE TEMPORARY VIEW wide AS SELECT * FROM VALUES ('nl', 10, 12), ('de', 7, NULL) AS wide(country, y2023, y2024);
SELECT * FROM q PIVOT (sum(amount) FOR yr IN (2023, 2024)) ORDER BY country;
SELECT * FROM q PIVOT (sum(amount) AS s, count(amount) AS c FOR yr IN (2023 AS a, 2024 AS b)) ORDER BY country;
SELECT * FROM (SELECT country, yr, amount FROM q) PIVOT (max(amount) FOR country IN ('nl', 'de')) ORDER BY yr;
SELECT * FROM wide UNPIVOT (amount FOR yr IN (y2023, y2024)) ORDER BY country, yr;
SELECT * FROM wide UNPIVOT INCLUDE NULLS (amount FOR yr IN (y2023, y2024)) ORDER BY country, yr;
SELECT * FROM wide UNPIVOT (amount FOR yr IN (y2023 AS `2023`, y2024 AS `2024`)) ORDER BY country, yr;
