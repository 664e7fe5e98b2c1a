-- The transliteration match of parley_find_actor() (a person one spelling
-- apart: Yury/Yuri) compares names only within the same first letter.  On a
-- small or middling actors table the planner chose a sequential scan that
-- computed a trigram similarity for every person on each new name (2-3 ms a
-- lookup at 2,000 actors, most of an article's store once the corpus grows);
-- an index on the first letter narrows that to one letter's people, and the
-- planner still prefers the trigram index where it is more selective.
CREATE INDEX actors_person_initial ON actors (left(norm_name, 1)) WHERE kind = 'person';
