-- Casts to and from arrays, maps and structs, empty collections, and the common type of
-- nested values across UNION, CASE and coalesce. ANSI mode on (Spark 4 default).

-- empty collections have void elements and cast to any element type
SELECT array(), map(), CAST(array() AS ARRAY<INT>), CAST(map() AS MAP<STRING, INT>);
SELECT CAST(array(NULL) AS ARRAY<INT>), CAST(map('a', NULL) AS MAP<STRING, INT>);
SELECT size(CAST(array() AS ARRAY<STRING>)), CAST(array() AS ARRAY<STRING>) IS NULL;

-- element-wise casts
SELECT CAST(array(1, 2, NULL) AS ARRAY<STRING>);
SELECT CAST(array('1', '2') AS ARRAY<INT>);
SELECT CAST(array('1', 'x') AS ARRAY<INT>);
SELECT try_cast(array('1', 'x') AS ARRAY<INT>);
SELECT CAST(map(1, 'a') AS MAP<STRING, STRING>);
SELECT CAST(map('1', 2) AS MAP<INT, BIGINT>);
SELECT CAST(named_struct('a', 1, 'b', 'x') AS STRUCT<a: STRING, b: STRING>);
SELECT CAST(named_struct('a', 1, 'b', 'x') AS STRUCT<c: BIGINT, d: STRING>);
SELECT CAST(named_struct('a', 1) AS STRUCT<a: INT, b: INT>);
SELECT CAST(array(array(1), array(2, 3)) AS ARRAY<ARRAY<DOUBLE>>);
SELECT CAST(array(1) AS MAP<INT, INT>);
SELECT CAST(1 AS ARRAY<INT>);

-- nested values to strings
SELECT CAST(array(1, NULL) AS STRING), CAST(map('a', 1) AS STRING), CAST(named_struct('a', 1, 'b', NULL) AS STRING);
SELECT CAST(array(array('x'), NULL) AS STRING), CAST(map(1, array(2)) AS STRING);

-- the common type of nested values
SELECT map() UNION ALL SELECT map('a', 1);
SELECT array() UNION ALL SELECT array(1, 2);
SELECT array(1) UNION ALL SELECT array(NULL);
SELECT array(1) UNION ALL SELECT array(2.5D);
SELECT named_struct('a', 1) UNION ALL SELECT named_struct('a', NULL);
SELECT CASE WHEN true THEN array(1) ELSE array() END;
SELECT coalesce(NULL, array(1), array());
SELECT array(array(1), array(), NULL);
SELECT map('a', array(1), 'b', array());
