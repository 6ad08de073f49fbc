CREATE TABLE a (x TEXT DEFAULT 'a;b');
-- a comment; here
INSERT INTO a VALUES ('it''s;', E'\';', `odd;`);
/* block; */
CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
CREATE FUNCTION g() RETURNS int AS $$ SELECT 2; $$ LANGUAGE sql;
SELECT "odd;name" FROM a