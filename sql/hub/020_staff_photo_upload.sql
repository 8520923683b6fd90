-- Photo upload for staff on the hub (the console's 上传照片 over the hub): the files go
-- up in 256 KiB chunks (staff_photo_put), then each becomes a photo of an album of one
-- building of the caller's scope (staff_publish_photo), which first checks the file is
-- whole and is the file its SHA-256 names. The console sends one upload in one
-- transaction, so a refused photo keeps every photo of it off the hub. The building's
-- kiosks fetch the file and show the photo at their next pull; audited.
SET search_path = yanxia_hub, pg_temp;

-- One chunk (p_idx, 256 KiB but the last) of the file p_sha256, p_bytes long. A file a
-- photo already shows was checked whole when that photo was published: it is not
-- written again (nobody can change a file kiosks already show).
CREATE FUNCTION staff_photo_put(p_sha256 text, p_bytes bigint, p_idx int, p_data bytea)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); ch constant bigint := 262144;
BEGIN
    IF coalesce(p_sha256, '') !~ '^[0-9a-f]{64}$' OR coalesce(p_bytes, 0) NOT BETWEEN 1 AND 104857600
       OR p_idx IS NULL OR p_idx < 0 OR p_idx * ch >= p_bytes
       OR length(p_data) <> least(ch, p_bytes - p_idx * ch) THEN
        RAISE EXCEPTION '照片文件没有传完整，没有保存 (chunk % of % bytes: %)', p_idx, p_bytes,
            length(p_data) USING ERRCODE = '22023';
    END IF;
    IF EXISTS (SELECT 1 FROM photos WHERE sha256 = p_sha256) THEN
        RETURN;
    END IF;
    INSERT INTO photo_blobs (sha256, bytes) VALUES (p_sha256, p_bytes)
    ON CONFLICT (sha256) DO UPDATE SET bytes = excluded.bytes;
    DELETE FROM photo_chunks WHERE sha256 = p_sha256 AND idx * ch >= p_bytes;
    INSERT INTO photo_chunks (sha256, idx, data) VALUES (p_sha256, p_idx, p_data)
    ON CONFLICT (sha256, idx) DO UPDATE SET data = excluded.data;
END $$;

-- A photo of file p_sha256 in the album called p_album of building p_building (the album
-- is made there when it has none of that name); returns the photo's hub id. Refused:
-- a building outside the scope, a file not whole or not the one its name says.
CREATE FUNCTION staff_publish_photo(p_building text, p_album text, p_sha256 text, p_width int,
                                    p_height int, p_caption text, p_person text, p_floor int,
                                    p_consent boolean)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = yanxia_hub, pg_temp AS $$
DECLARE m staff_members := calling_staff(); b scopes; bl photo_blobs; al bigint; h bigint;
        n bigint; sum bigint; digest text; album text := checked_text(p_album, 120, true, 'album');
BEGIN
    SELECT * INTO b FROM scopes WHERE code = p_building AND kind = 'building';
    IF NOT FOUND OR NOT staff_covers(m, b.id) THEN
        RAISE EXCEPTION '不能发布到楼栋 % (not a building in %''s scope)', p_building, m.login
            USING ERRCODE = '42501';
    END IF;
    SELECT * INTO bl FROM photo_blobs WHERE sha256 = p_sha256;
    SELECT count(*), coalesce(sum(length(data)), 0),
           encode(sha256(coalesce(string_agg(data, ''::bytea ORDER BY idx), ''::bytea)), 'hex')
      INTO n, sum, digest FROM photo_chunks WHERE sha256 = p_sha256;
    IF bl.sha256 IS NULL OR sum <> bl.bytes OR n <> (bl.bytes + 262143) / 262144
       OR digest <> p_sha256 THEN
        RAISE EXCEPTION '照片文件没有传完整，没有保存 (file % is not whole)', p_sha256
            USING ERRCODE = '22023';
    END IF;
    IF coalesce(p_width, 0) NOT BETWEEN 1 AND 12000 OR coalesce(p_height, 0) NOT BETWEEN 1 AND 12000 THEN
        RAISE EXCEPTION '照片太大了（每边最多12000像素） (% x %)', p_width, p_height
            USING ERRCODE = '22023';
    END IF;
    IF p_floor IS NOT NULL AND p_floor NOT BETWEEN 1 AND 99 THEN
        RAISE EXCEPTION '楼层要写1到99之间的数字，或者不填 (floor %)', p_floor USING ERRCODE = '22023';
    END IF;
    SELECT a.hub_id INTO al FROM albums a
     WHERE a.scope_id = b.id AND a.name = album AND NOT a.deleted ORDER BY a.hub_id LIMIT 1;
    IF al IS NULL THEN
        SELECT o_hub_id INTO al FROM hub_publish('album', b.code, jsonb_build_object('name', album));
        PERFORM staff_log(m, 'album.add', format('album %s building %s', al, b.code), '', album);
    END IF;
    SELECT o_hub_id INTO h FROM hub_publish('photo', b.code, jsonb_build_object(
        'album_hub_id', al, 'sha256', p_sha256, 'width', p_width, 'height', p_height,
        'bytes', bl.bytes, 'caption', checked_text(p_caption, 120, false, 'caption'),
        'person_name', checked_text(p_person, 20, false, 'person_name'), 'floor', p_floor,
        'consent', CASE WHEN p_consent THEN 1 ELSE 0 END));
    PERFORM staff_log(m, 'photo.add', format('photo %s album %s building %s', h, album, b.code),
                      '', concat_ws(' ', nullif(btrim(p_person), ''), nullif(btrim(p_caption), ''),
                                    CASE WHEN p_consent THEN 'consent' ELSE 'no consent' END));
    RETURN h;
END $$;

REVOKE ALL ON FUNCTION staff_photo_put(text, bigint, int, bytea),
    staff_publish_photo(text, text, text, int, int, text, text, int, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_photo_put(text, bigint, int, bytea),
    staff_publish_photo(text, text, text, int, int, text, text, int, boolean) TO yanxia_staff;
