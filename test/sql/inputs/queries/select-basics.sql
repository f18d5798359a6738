-- projection, filters, DISTINCT, CASE, ORDER BY with NULLS FIRST/LAST and ordinals, LIMIT/OFFSET
CREATE TEMPORARY VIEW emp AS SELECT * FROM VALUES
  (1, 'ann', 'eng', 120, DATE'2020-01-15'), (2, 'bob', 'eng', 100, DATE'2021-03-01'),
  (3, 'cat', 'ops', 90, NULL), (4, 'dan', NULL, 80, DATE'2019-07-30'),
  (5, 'eve', 'ops', NULL, DATE'2022-11-11'), (6, 'fay', 'eng', 100, DATE'2023-02-28')
  AS emp(id, name, dept, salary, hired);
SELECT * FROM emp ORDER BY id;
SELECT name AS n, salary * 2 AS doubled FROM emp WHERE salary > 85 ORDER BY n;
SELECT DISTINCT dept FROM emp ORDER BY dept NULLS LAST;
SELECT DISTINCT dept FROM emp ORDER BY dept DESC NULLS FIRST;
SELECT id, CASE WHEN salary >= 100 THEN 'high' WHEN salary >= 85 THEN 'mid' ELSE 'low' END AS band FROM emp ORDER BY 1;
SELECT id, CASE dept WHEN 'eng' THEN 1 WHEN 'ops' THEN 2 END AS d FROM emp ORDER BY id;
SELECT name, salary FROM emp ORDER BY salary DESC NULLS LAST, name LIMIT 3;
SELECT name, salary FROM emp ORDER BY salary ASC NULLS FIRST, name LIMIT 2 OFFSET 1;
SELECT name FROM emp ORDER BY id OFFSET 4;
SELECT id, name FROM emp WHERE dept IS NULL OR salary IS NULL ORDER BY id;
SELECT id FROM emp WHERE name LIKE '%a%' AND id BETWEEN 2 AND 5 ORDER BY id;
SELECT id FROM emp WHERE dept IN ('ops', 'hr') ORDER BY id;
SELECT count(*), count(dept), count(DISTINCT dept), sum(salary), avg(salary), min(hired), max(hired) FROM emp;
SELECT emp.* FROM emp WHERE id = 3;
SELECT e.id, e.name FROM emp AS e WHERE e.id < 3 ORDER BY e.id;
SELECT * FROM (SELECT id, salary + 1 AS s FROM emp) t WHERE s > 100 ORDER BY id;
SELECT id, year(hired), month(hired), datediff(DATE'2024-01-01', hired) FROM emp ORDER BY id;
SELECT upper(name), length(name), concat(name, '-', dept), coalesce(dept, 'none') FROM emp ORDER BY id;
SELECT 1 + 1, 'x' || 'y', NULL IS NULL, 3 / 2, 7 div 2, 7 % 3;
SELECT * FROM emp WHERE false;
SELECT id, salary FROM emp ORDER BY salary, id;
