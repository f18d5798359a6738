-- encode and decode across the character sets Spark accepts, byte order marks, and the
-- errors for unknown charsets and malformed text or bytes.

SELECT hex(encode('é€', 'UTF-16')), hex(encode('é€', 'utf-16be')), hex(encode('é€', 'UTF-16LE'));
SELECT hex(encode('é', 'UTF-32')), hex(encode('𝄞', 'UTF-32')), hex(encode('𝄞', 'UTF-16LE')), hex(encode('𝄞', 'UTF-8'));
SELECT hex(encode('é', 'ISO-8859-1')), hex(encode('abc', 'US-ASCII')), hex(encode('', 'UTF-16'));
SELECT decode(X'FFFE0041', 'UTF-16'), decode(X'0041', 'UTF-16'), decode(X'FEFF0041', 'UTF-16');
SELECT hex(encode(decode(X'FEFF0041', 'UTF-16BE'), 'UTF-8')), decode(X'0000FEFF00000041', 'UTF-32'), decode(X'00000041', 'UTF-32');
SELECT decode(X'E9', 'ISO-8859-1'), decode(X'C3A9', 'utf-8'), decode(encode('héllo', 'UTF-16LE'), 'UTF-16LE');
SELECT encode(NULL, 'UTF-8'), decode(NULL, 'UTF-8'), encode('a', NULL), decode(X'41', NULL);
SELECT encode('a', 'utf8');
SELECT encode('a', 'WINDOWS-1252');
SELECT decode(X'41', 'latin1');
SELECT encode('€', 'ISO-8859-1');
SELECT encode('é', 'US-ASCII');
SELECT decode(X'FF', 'UTF-8');
SELECT decode(X'E9', 'US-ASCII');
SELECT decode(X'00D8', 'UTF-16LE');
SELECT decode(X'41', 'UTF-16');
SELECT decode(X'0041', 'UTF-32');
