-- CASE, IF and friends, including type widening of the branches.

SELECT CASE WHEN 1 > 0 THEN 'pos' ELSE 'neg' END;
SELECT CASE WHEN 1 < 0 THEN 'pos' END;
SELECT CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END;
SELECT CASE 3 WHEN 1 THEN 'one' WHEN 2 THEN 'two' END;
SELECT CASE NULL WHEN NULL THEN 'matched' ELSE 'not matched' END;
SELECT CASE WHEN NULL THEN 1 ELSE 2 END;
SELECT CASE WHEN 1 > 0 THEN 'first' WHEN 2 > 0 THEN 'second' END;
SELECT CASE WHEN false THEN 1 END + 1;
SELECT CASE WHEN true THEN 'a' ELSE NULL END;

-- branch type widening
SELECT CASE WHEN true THEN 1 ELSE 2L END;
SELECT CASE WHEN true THEN 1 ELSE 2.5D END;
SELECT CASE WHEN true THEN 1 ELSE 1.5 END;
SELECT CASE WHEN true THEN 1Y ELSE 2S END;
SELECT CASE WHEN true THEN 1F ELSE 1L END;
SELECT CASE WHEN true THEN 1.5 ELSE 10.25 END;
SELECT CASE WHEN true THEN 1 ELSE 'a' END;
SELECT CASE WHEN true THEN DATE'2020-01-01' ELSE TIMESTAMP'2020-01-01 12:00:00' END;
SELECT CASE WHEN true THEN array(1) ELSE array(2L) END;
SELECT CASE WHEN true THEN 1 ELSE TRUE END;
SELECT CASE 1 WHEN 1.0 THEN 'eq' ELSE 'ne' END;
SELECT CASE '1' WHEN 1 THEN 'eq' ELSE 'ne' END;

-- branches that would fail are only evaluated when chosen
SELECT CASE WHEN true THEN 1 ELSE 1 / 0 END;
SELECT CASE WHEN false THEN 1 / 0 ELSE 2 END;
SELECT if(true, 1, 1 / 0);

-- IF
SELECT if(1 > 2, 'a', 'b');
SELECT if(NULL, 'a', 'b');
SELECT if(true, 1, 2.5D);
SELECT if(true, 1, NULL);
SELECT if(false, 1Y, 2S);
SELECT if(1, 'a', 'b');

-- COALESCE and NULLIF variants
SELECT coalesce(NULL, 2, 1 / 0);
SELECT coalesce(1Y, 300);
SELECT coalesce('a', 1);
SELECT nvl2(NULL, 'a', 'b');
SELECT nvl2(1, 'a', 'b');
SELECT nvl2(1, 1, 2.5D);
SELECT nullif('a', 'a');
SELECT nullif('a', 'b');
SELECT nullif(1, 1L);
SELECT nullif(1, 1.0D);
SELECT zeroifnull(NULL);
SELECT zeroifnull(5);
SELECT nullifzero(0);
SELECT nullifzero(5);
SELECT decode(2, 1, 'one', 2, 'two', 'other');
SELECT decode(3, 1, 'one', 2, 'two');
SELECT decode(NULL, NULL, 'null', 'other');

-- over an inline table
SELECT a, CASE WHEN a > 1 THEN 'big' WHEN a = 1 THEN 'one' ELSE 'small' END FROM VALUES (0), (1), (2), (NULL) AS t(a);
SELECT a, CASE a WHEN 1 THEN 'one' WHEN 2 THEN 'two' END FROM VALUES (0), (1), (2), (NULL) AS t(a);
SELECT a, if(a IS NULL, -1, a * 10) FROM VALUES (0), (1), (NULL) AS t(a);
SELECT a, b, coalesce(a, b, 0) FROM VALUES (1, 2), (NULL, 2), (NULL, NULL) AS t(a, b);
