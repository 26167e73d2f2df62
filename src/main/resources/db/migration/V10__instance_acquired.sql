-- When each image was acquired, as the object states it (Acquisition DateTime, else Acquisition
-- or Content Date and Time; with its UTC offset, else the archive's time zone). Null when the
-- object states none, and for objects stored before this column: the rules then order images by
-- receipt.
ALTER TABLE instance ADD COLUMN acquired_at TIMESTAMP WITH TIME ZONE;
