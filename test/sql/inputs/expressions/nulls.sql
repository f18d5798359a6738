-- NULL propagation and NULL-aware operators.

SELECT NULL;
SELECT NULL + 1;
SELECT 1 + NULL;
SELECT NULL * 2.5D;
SELECT NULL / 0;
SELECT 1 / NULL;
SELECT 1 div NULL;
SELECT -NULL;
SELECT NULL || 'a';
SELECT concat('a', NULL);
SELECT upper(NULL);
SELECT length(NULL);
SELECT abs(NULL);
SELECT substring(NULL, 1, 2);
SELECT CAST(NULL AS INT);
SELECT CAST(NULL AS STRING);
SELECT CAST(NULL AS INT) + 1L;
SELECT typeof(NULL);
SELECT typeof(NULL + 1);

-- comparisons with NULL
SELECT NULL = NULL;
SELECT NULL = 1;
SELECT NULL <> 1;
SELECT NULL < 1;
SELECT 'a' > NULL;
SELECT NULL <=> NULL;
SELECT 1 <=> NULL;
SELECT 1 <=> 1;
SELECT 1 <=> 2;
SELECT NOT (NULL <=> 1);

-- IS [NOT] NULL
SELECT NULL IS NULL;
SELECT 1 IS NULL;
SELECT NULL IS NOT NULL;
SELECT 'a' IS NOT NULL;
SELECT isnull(NULL);
SELECT isnotnull(NULL);
SELECT (1 + NULL) IS NULL;

-- NULL in IN lists
SELECT 1 IN (1, NULL);
SELECT 2 IN (1, NULL);
SELECT NULL IN (1, 2);
SELECT NULL IN (NULL);
SELECT 1 NOT IN (2, NULL);
SELECT 1 NOT IN (1, NULL);

-- coalesce, nvl, ifnull, nullif
SELECT coalesce(NULL, 1, 2);
SELECT coalesce(NULL, NULL);
SELECT coalesce(NULL, 'a');
SELECT coalesce(1, 2L);
SELECT coalesce(NULL, 1, 2.5D);
SELECT coalesce(NULL, 1.5, 2);
SELECT nvl(NULL, 5);
SELECT nvl(3, 5);
SELECT nvl(NULL, NULL);
SELECT ifnull(NULL, 'x');
SELECT ifnull('y', 'x');
SELECT nullif(1, 1);
SELECT nullif(1, 2);
SELECT nullif(NULL, 1);
SELECT nullif(1, NULL);
SELECT greatest(1, NULL, 3);
SELECT least(1, NULL, 3);
SELECT greatest(NULL, NULL);

-- over an inline table
SELECT a + 1 FROM VALUES (1), (NULL) AS t(a);
SELECT a IS NULL FROM VALUES (1), (NULL) AS t(a);
SELECT coalesce(a, -1) FROM VALUES (1), (NULL) AS t(a);
SELECT a <=> b FROM VALUES (1, 1), (1, NULL), (NULL, NULL), (1, 2) AS t(a, b);
SELECT a = b FROM VALUES (1, 1), (1, NULL), (NULL, NULL), (1, 2) AS t(a, b);
SELECT nullif(a, b) FROM VALUES (1, 1), (1, NULL), (NULL, NULL), (1, 2) AS t(a, b);
