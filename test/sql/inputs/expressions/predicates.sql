-- IN, NOT IN, LIKE, RLIKE, BETWEEN.

-- IN and NOT IN
SELECT 1 IN (1, 2, 3);
SELECT 4 IN (1, 2, 3);
SELECT 1 NOT IN (1, 2);
SELECT 4 NOT IN (1, 2);
SELECT 4 NOT IN (1, 2, NULL);
SELECT 1 NOT IN (1, NULL);
SELECT NULL NOT IN (1);
SELECT 1 IN (1L, 2.5D);
SELECT 2.5 IN (1, 2.5D);
SELECT 'a' IN ('a', 'b');
SELECT 'A' IN ('a', 'b');
SELECT '1' IN (1, 2);
SELECT 1 IN ('1', 'x');
SELECT DATE'2020-01-01' IN ('2020-01-01', '2021-01-01');
SELECT (1 + 1) IN (2);
SELECT a, a IN (1, NULL) FROM VALUES (1), (2), (NULL) AS t(a);
SELECT a, a NOT IN (1, NULL) FROM VALUES (1), (2), (NULL) AS t(a);
SELECT a, a NOT IN (1, 3) FROM VALUES (1), (2), (NULL) AS t(a);

-- LIKE and ILIKE
SELECT 'abc' LIKE 'a%';
SELECT 'abc' LIKE 'a_c';
SELECT 'abc' LIKE 'a_';
SELECT 'abc' LIKE '%';
SELECT '' LIKE '%';
SELECT '' LIKE '_';
SELECT 'abc' LIKE '%b%';
SELECT 'abc' LIKE 'ABC';
SELECT 'ABC' ILIKE 'abc';
SELECT 'abc' NOT LIKE 'a%';
SELECT NULL LIKE 'a%';
SELECT 'a' LIKE NULL;
SELECT 'a%c' LIKE 'a\\%c';
SELECT 'abc' LIKE 'a\\%c';
SELECT 'a_c' LIKE 'a\\_c';
SELECT 'abc' LIKE 'a\\_c';
SELECT 'a\\b' LIKE 'a\\\\b';
SELECT 'a_c' LIKE 'a!_c' ESCAPE '!';
SELECT 'abc' LIKE 'a!_c' ESCAPE '!';
SELECT 'abc' LIKE 'a\\bc';
SELECT 'abc' LIKE 'abc\\';
SELECT 'line1\nline2' LIKE 'line1%' AS multiline_matches;
SELECT 'a.c' LIKE 'a.c';
SELECT 'abc' LIKE 'a.c';
SELECT 'abc' LIKE ANY ('x%', '%c');
SELECT 'abc' LIKE ALL ('a%', '%c');
SELECT 'abc' NOT LIKE ALL ('x%', 'y%');
SELECT 123 LIKE '1%';

-- RLIKE and friends (Java regular expressions, partial match)
SELECT 'abc' RLIKE '^a.c$';
SELECT 'abc' RLIKE 'b';
SELECT 'abc' RLIKE '^b';
SELECT 'abc' REGEXP 'B';
SELECT 'abc' RLIKE '(?i)B';
SELECT regexp_like('abc', 'a.*');
SELECT 'a1b2' RLIKE '[0-9]+';
SELECT NULL RLIKE 'a';
SELECT 'abc' RLIKE '[';

-- BETWEEN
SELECT 5 BETWEEN 1 AND 10;
SELECT 5 BETWEEN 10 AND 1;
SELECT 5 NOT BETWEEN 1 AND 3;
SELECT 1 BETWEEN 1 AND 1;
SELECT NULL BETWEEN 1 AND 2;
SELECT 5 BETWEEN NULL AND 10;
SELECT 5 BETWEEN 6 AND NULL;
SELECT 'b' BETWEEN 'a' AND 'c';
SELECT 2.5 BETWEEN 2 AND 3L;
SELECT 2.5D BETWEEN 2 AND 3;
SELECT DATE'2020-06-01' BETWEEN '2020-01-01' AND '2020-12-31';
SELECT a, a BETWEEN 2 AND 4 FROM VALUES (1), (2), (4), (5), (NULL) AS t(a);

-- as filters
SELECT a FROM VALUES ('apple'), ('banana'), ('avocado'), (NULL) AS t(a) WHERE a LIKE 'a%';
SELECT a FROM VALUES (1), (2), (3), (NULL) AS t(a) WHERE a NOT IN (2, NULL);
SELECT a FROM VALUES (1), (2), (3), (NULL) AS t(a) WHERE a NOT IN (2);
