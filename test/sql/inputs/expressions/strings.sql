-- String functions. Lengths and positions count characters (code points).

-- concat and ||
SELECT concat('a', 'b', 'c');
SELECT concat('a', NULL, 'c');
SELECT concat();
SELECT concat(1, 2);
SELECT concat('x', 1.5D);
SELECT 'a' || 'b';
SELECT 'a' || 1;
SELECT 1 || 2;
SELECT 'a' || NULL;
SELECT 'a' 'b';
SELECT 'it''s';
SELECT "double quoted";
SELECT 'tab\there';

-- length
SELECT length('hello');
SELECT length('');
SELECT char_length('abc');
SELECT length('héllo');
SELECT length('😀');
SELECT length(123);
SELECT length('trailing  ');
SELECT octet_length('héllo');
SELECT bit_length('a');

-- upper and lower
SELECT upper('hello World');
SELECT lower('HELLO World');
SELECT upper('straße');
SELECT lower('ÀÉÎ');
SELECT initcap('hello wORLD');

-- substring, with negative and out-of-range positions
SELECT substring('hello', 2);
SELECT substring('hello', 2, 3);
SELECT substring('hello', 0, 2);
SELECT substring('hello', 1, 0);
SELECT substring('hello', -3);
SELECT substring('hello', -3, 2);
SELECT substring('hello', -10, 3);
SELECT substring('hello', -10, 8);
SELECT substring('hello', 10);
SELECT substring('hello', 2, -1);
SELECT substring('hello', 1, 100);
SELECT substring('hello' FROM 2 FOR 2);
SELECT substr('hello', 3);
SELECT substring(12345, 2, 3);
SELECT substring('héllo', 2, 2);
SELECT left('hello', 2);
SELECT right('hello', 2);
SELECT left('hello', -1);

-- trim
SELECT trim('  a b  ');
SELECT ltrim('  a  ');
SELECT rtrim('  a  ');
SELECT trim('\t a \t');
SELECT trim(BOTH 'x' FROM 'xxaxx');
SELECT trim(LEADING 'x' FROM 'xxaxx');
SELECT trim(TRAILING 'x' FROM 'xxaxx');
SELECT trim(BOTH 'xy' FROM 'xyaxyyx');
SELECT btrim('  a  ');

-- lpad and rpad
SELECT lpad('hi', 5, 'ab');
SELECT lpad('hello', 3, 'x');
SELECT lpad('hi', 5);
SELECT lpad('hi', -1, 'x');
SELECT lpad('hi', 5, '');
SELECT rpad('hi', 5, 'ab');
SELECT rpad('hello', 2);
SELECT rpad('hi', 4);

-- replace, translate
SELECT replace('hello world', 'o', '0');
SELECT replace('aaa', 'aa', 'b');
SELECT replace('abc', 'b');
SELECT replace('abc', '', 'x');
SELECT translate('abcba', 'ab', 'x');

-- instr, locate, position
SELECT instr('hello', 'l');
SELECT instr('hello', 'z');
SELECT instr('hello', '');
SELECT locate('l', 'hello');
SELECT locate('l', 'hello', 4);
SELECT locate('l', 'hello', 0);
SELECT locate('z', 'hello');
SELECT locate('', 'hello');
SELECT position('l' IN 'hello');
SELECT position('l', 'hello', 5);

-- reverse, repeat, concat_ws
SELECT reverse('hello');
SELECT reverse('');
SELECT reverse('héllo');
SELECT repeat('ab', 3);
SELECT repeat('ab', 0);
SELECT repeat('ab', -1);
SELECT concat_ws(',', 'a', 'b', 'c');
SELECT concat_ws(',', 'a', NULL, 'c');
SELECT concat_ws(NULL, 'a', 'b');
SELECT concat_ws(',', array('x', 'y'), 'z');
SELECT concat_ws('-');
SELECT concat_ws('', 'a', 'b');

-- misc
SELECT ascii('A');
SELECT chr(65);
SELECT space(3) || 'x';
SELECT format_string('%d-%s', 1, 'a');

-- over an inline table
SELECT s, upper(s), length(s) FROM VALUES ('a'), ('BcD'), (''), (NULL) AS t(s);
SELECT s, concat(s, '!'), s || '?' FROM VALUES ('a'), (NULL) AS t(s);
SELECT s, substring(s, p, 2) FROM VALUES ('hello', 1), ('hello', -2), ('hi', 5) AS t(s, p);
