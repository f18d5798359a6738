-- Arithmetic on integral and fractional types. Runs with ANSI mode on (Spark 4 default).

-- int literals and result types
SELECT 1 + 2;
SELECT 10 - 13;
SELECT 6 * 7;
SELECT 7 / 2;
SELECT -7 / 2;
SELECT 1 / 3;
SELECT 7 div 2;
SELECT -7 div 2;
SELECT 7 % 3;
SELECT -7 % 3;
SELECT 7 % -3;
SELECT pmod(-7, 3);
SELECT pmod(7, -3);
SELECT 2 * 3 + 4;
SELECT 2 + 3 * 4;
SELECT (2 + 3) * 4;
SELECT 10 - 2 - 3;
SELECT 2 * 3 % 4;

-- mixed integral widths
SELECT 1Y + 1Y;
SELECT 1S + 1S;
SELECT 1Y + 1S;
SELECT 1S * 2;
SELECT 1 + 2L;
SELECT 2147483647L + 1;
SELECT 123456789L * 1000000L;
SELECT CAST(10 AS TINYINT) / CAST(4 AS TINYINT);
SELECT CAST(10 AS TINYINT) div CAST(4 AS TINYINT);
SELECT CAST(10 AS SMALLINT) % CAST(4 AS SMALLINT);

-- float and double
SELECT 1.5F + 1;
SELECT 1.5D + 1;
SELECT 1.5F + 1.5D;
SELECT 0.1D + 0.2D;
SELECT 1.0D / 3;
SELECT 1F / 3F;
SELECT 100000000.0F * 10;
SELECT 5.0F / 2;
SELECT 1e308D * 10;
SELECT -1e308D * 10;
SELECT 7.5D % 2;
SELECT -7.5D % 2;
SELECT pmod(-7.5D, 2);
SELECT 7.5D div 2;
SELECT CAST('NaN' AS DOUBLE) + 1;
SELECT CAST('Infinity' AS DOUBLE) - CAST('Infinity' AS DOUBLE);
SELECT 1.0E-5D * 1.0E-5D;
SELECT 123456789.0D * 10;

-- unary minus and plus
SELECT -(5);
SELECT -(-5L);
SELECT +3;
SELECT -(1.5D);
SELECT -(CAST(-128 AS TINYINT));
SELECT -(-2147483648);
SELECT abs(-2147483648);
SELECT negative(3);

-- overflow under ANSI
SELECT 2147483647 + 1;
SELECT -2147483648 - 1;
SELECT 2147483647 * 2;
SELECT 9223372036854775807L + 1L;
SELECT -9223372036854775808L - 1L;
SELECT CAST(127 AS TINYINT) + CAST(1 AS TINYINT);
SELECT CAST(32767 AS SMALLINT) + CAST(1 AS SMALLINT);
SELECT CAST(100 AS TINYINT) * CAST(2 AS TINYINT);
SELECT -2147483648 div -1;
SELECT -9223372036854775808L div -1;

-- division by zero
SELECT 1 / 0;
SELECT 1 div 0;
SELECT 1 % 0;
SELECT pmod(1, 0);
SELECT 1.0D / 0;
SELECT 0.0D / 0.0D;
SELECT 1.5D % 0;
SELECT 0 / 0;

-- try_ functions return NULL instead of failing
SELECT try_add(2147483647, 1);
SELECT try_add(1, 2);
SELECT try_subtract(-2147483648, 1);
SELECT try_multiply(2147483647, 2);
SELECT try_multiply(3L, 4);
SELECT try_divide(1, 0);
SELECT try_divide(7, 2);
SELECT try_divide(7.0D, 0);
SELECT try_mod(5, 0);
SELECT try_mod(5, 3);

-- over an inline table
SELECT a + b FROM VALUES (1, 2), (3, 4), (-5, 5) AS t(a, b);
SELECT a / b FROM VALUES (7, 2), (-7, 2), (7, -2) AS t(a, b);
SELECT a div b FROM VALUES (7, 2), (-7, 2), (7, -2) AS t(a, b);
SELECT a % b FROM VALUES (7, 2), (-7, 2), (7, -2) AS t(a, b);
SELECT pmod(a, b) FROM VALUES (7, 2), (-7, 2), (7, -2) AS t(a, b);
SELECT a * b FROM VALUES (2147483647, 2) AS t(a, b);
SELECT a / b FROM VALUES (1, 0) AS t(a, b);
SELECT try_divide(a, b) FROM VALUES (1, 0), (4, 2) AS t(a, b);
SELECT id * 2 FROM range(3);
SELECT 10 / (id - 1) FROM range(3);
