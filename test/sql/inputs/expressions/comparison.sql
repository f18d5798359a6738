-- Comparison operators within and across types.

SELECT 1 = 1;
SELECT 1 <> 2;
SELECT 1 != 1;
SELECT 1 < 2;
SELECT 2 <= 2;
SELECT 3 > 2;
SELECT 3 >= 4;
SELECT 1 == 1;

-- int vs long, int vs double, decimal vs double
SELECT 1 = 1L;
SELECT 2147483648L > 2147483647;
SELECT 1 = 1.0D;
SELECT 1 < 1.5D;
SELECT 1 = 1.0;
SELECT 10.5 > 10;
SELECT 1.5 = 1.5D;
SELECT 0.1 = 0.1D;
SELECT 0.1 = 0.1F;
SELECT 0.1F = 0.1D;
SELECT 0.1D + 0.2D = 0.3D;
SELECT 0.1 + 0.2 = 0.3;
SELECT 1.0 = 1.00;
SELECT 12345678901234567890.5 > 1.2345678901234567E19D;
SELECT CAST(1 AS TINYINT) = 1L;
SELECT 1Y < 1000;

-- string vs number
SELECT '1' = 1;
SELECT ' 1 ' = 1;
SELECT '1.5' = 1.5;
SELECT '1.5' = 1;
SELECT 'abc' = 1;
SELECT '10' > 9;
SELECT '10' > '9';
SELECT 1 = '1.0';
SELECT '1e1' = 10.0D;

-- strings
SELECT 'a' < 'b';
SELECT 'a' < 'B';
SELECT 'abc' < 'abd';
SELECT '' < 'a';
SELECT 'a' = 'A';
SELECT 'a ' = 'a';
SELECT 'abc' >= 'ab';
SELECT 'é' > 'z';

-- date, timestamp, string
SELECT DATE'2020-01-01' = '2020-01-01';
SELECT DATE'2020-01-01' < '2020-01-02';
SELECT DATE'2020-01-01' = TIMESTAMP'2020-01-01 00:00:00';
SELECT TIMESTAMP'2020-01-01 00:00:01' > DATE'2020-01-01';
SELECT DATE'2020-01-01' = 'not a date';
SELECT DATE'2020-01-01' < TIMESTAMP_NTZ'2020-01-01 00:00:01';
SELECT TIMESTAMP'2020-01-01 00:00:00' = '2020-01-01 00:00:00';

-- NaN and signed zero: NaN equals NaN and sorts above everything
SELECT CAST('NaN' AS DOUBLE) = CAST('NaN' AS DOUBLE);
SELECT CAST('NaN' AS DOUBLE) > 1e308D;
SELECT CAST('NaN' AS DOUBLE) > CAST('Infinity' AS DOUBLE);
SELECT CAST('NaN' AS FLOAT) = CAST('NaN' AS DOUBLE);
SELECT 0.0D = -0.0D;
SELECT CAST('NaN' AS DOUBLE) <=> CAST('NaN' AS DOUBLE);
SELECT greatest(CAST('NaN' AS DOUBLE), 1.0D);
SELECT least(CAST('NaN' AS DOUBLE), 1.0D);

-- greatest and least widen their arguments
SELECT greatest(1, 2.5D, 3L);
SELECT greatest(1, 2.5);
SELECT least('b', 'a', 'c');
SELECT greatest(1, '2');

-- other types
SELECT 1 = TRUE;
SELECT X'01' < X'02';
SELECT X'0102' > X'01';
SELECT array(1, 2) = array(1, 2);
SELECT array(1, 2) < array(1, 3);
SELECT named_struct('a', 1, 'b', 'x') = named_struct('a', 1, 'b', 'x');

-- over an inline table
SELECT a, b, a < b FROM VALUES ('apple', 'banana'), ('b', 'a'), ('x', 'x') AS t(a, b);
SELECT a, b, a = b FROM VALUES (1, 1.0D), (2, 2.5D), (3, CAST('NaN' AS DOUBLE)) AS t(a, b);
