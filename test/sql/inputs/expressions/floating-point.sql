-- Signed zero, NaN and the infinities in doubles and floats: literals, casts, arithmetic,
-- comparison, grouping, ordering and set operations. ANSI mode on (Spark 4 default).

-- negative zero survives literals, casts and arithmetic
SELECT -0.0D, CAST('-0.0' AS DOUBLE), -1.0D * 0.0D, 0.0D * -1.0D;
SELECT CAST(-0.0D AS STRING), CAST(CAST('-0' AS DOUBLE) AS STRING);
SELECT CAST('-0.0' AS FLOAT), -CAST(0.0 AS FLOAT);
SELECT a, CAST(a AS STRING) FROM VALUES (CAST('-0.0' AS DOUBLE)), (0.0D) AS t(a);
SELECT -0.0D = 0.0D, -0.0D < 0.0D, -0.0D <=> 0.0D;
SELECT abs(-0.0D), sign(-0.0D), sqrt(-0.0D);
SELECT 1.0D / -0.0D;
SELECT try_divide(1.0D, -0.0D);

-- NaN and the infinities
SELECT CAST('NaN' AS DOUBLE), CAST('Infinity' AS DOUBLE), CAST('-Infinity' AS DOUBLE);
SELECT CAST('nan' AS DOUBLE), CAST('inf' AS DOUBLE), CAST('-INF' AS FLOAT);
SELECT CAST('NaN' AS DOUBLE) = CAST('NaN' AS DOUBLE), CAST('NaN' AS DOUBLE) > 1.0D;
SELECT greatest(1.0D, CAST('NaN' AS DOUBLE)), least(1.0D, CAST('NaN' AS DOUBLE));
SELECT CAST('Infinity' AS DOUBLE) - CAST('Infinity' AS DOUBLE);
SELECT isnan(CAST('NaN' AS DOUBLE)), isnan(1.0D), nanvl(CAST('NaN' AS DOUBLE), 2.0D);

-- grouping, DISTINCT, ordering and set operations treat -0.0 as 0.0 and NaN as one value
SELECT count(DISTINCT a) FROM VALUES (CAST('-0.0' AS DOUBLE)), (0.0D), (CAST('NaN' AS DOUBLE)), (CAST('NaN' AS DOUBLE)) AS t(a);
SELECT a, count(*) FROM VALUES (CAST('NaN' AS DOUBLE)), (1.0D), (CAST('NaN' AS DOUBLE)), (CAST('Infinity' AS DOUBLE)) AS t(a) GROUP BY a ORDER BY a;
SELECT a FROM VALUES (CAST('NaN' AS DOUBLE)), (CAST('-Infinity' AS DOUBLE)), (1.0D), (NULL), (CAST('Infinity' AS DOUBLE)) AS t(a) ORDER BY a;
SELECT a FROM VALUES (CAST('NaN' AS DOUBLE)), (CAST('-Infinity' AS DOUBLE)), (1.0D), (NULL), (CAST('Infinity' AS DOUBLE)) AS t(a) ORDER BY a DESC;
SELECT max(a), min(a) FROM VALUES (CAST('NaN' AS DOUBLE)), (1.0D), (CAST('Infinity' AS DOUBLE)) AS t(a);
SELECT * FROM VALUES (CAST('NaN' AS DOUBLE)) AS t(a) INTERSECT SELECT * FROM VALUES (CAST('NaN' AS DOUBLE)) AS s(a);
SELECT sum(a), avg(a) FROM VALUES (1.0D), (CAST('NaN' AS DOUBLE)) AS t(a);
SELECT sum(a) FROM VALUES (CAST('Infinity' AS DOUBLE)), (CAST('-Infinity' AS DOUBLE)) AS t(a);

-- casts out of the floating types
SELECT CAST(CAST('NaN' AS DOUBLE) AS INT);
SELECT CAST(CAST('Infinity' AS DOUBLE) AS BIGINT);
SELECT try_cast(CAST('NaN' AS DOUBLE) AS INT), try_cast(CAST('-Infinity' AS DOUBLE) AS BIGINT);
SELECT CAST(CAST('NaN' AS DOUBLE) AS DECIMAL(10, 2));
SELECT CAST(1.0E300D AS FLOAT);
SELECT CAST(CAST('NaN' AS DOUBLE) AS STRING), CAST(CAST('-Infinity' AS FLOAT) AS STRING);
SELECT CAST(1.0E-5D AS STRING), CAST(1.0E7D AS STRING), CAST(123456789.0D AS STRING), CAST(1.0E20F AS STRING);

-- unary math functions: names as Spark prints them, rounding, domains
SELECT sqrt(4), cbrt(27), ln(1), log10(100), log2(8), log1p(0), expm1(0), signum(-3), sign(2);
SELECT sin(0), cos(0), tan(0), asin(1), acos(1), atan(1), sinh(0), cosh(0), tanh(0), degrees(0), radians(0);
SELECT rint(2.5), rint(-2.5), rint(3.5), rint(-0.5), rint(12.3456);
SELECT cot(1), sec(0), csc(1), asinh(1), acosh(1), atanh(0);
SELECT acosh(0.5), atanh(2), cot(0), sqrt(-1), ln(0), ln(-1);
