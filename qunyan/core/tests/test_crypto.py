import base64

import pytest
from cryptography.exceptions import InvalidTag
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from qunyan.core.crypto import blind_index, decrypt, encrypt
from qunyan.people.models import Person
from qunyan.people.services import id_number_index
from qunyan.people.tests.factories import make_person

ID = "43118119850109123X"


def test_what_is_encrypted_decrypts_to_the_same_text():
    """encrypt() then decrypt() gives the original, Chinese text included."""
    for text in (ID, "13812345678", "牛坪坳村 张三", ""):
        assert decrypt(encrypt(text)) == text


def test_the_same_text_encrypts_differently_each_time():
    """A fresh nonce per value: equal ciphertexts would reveal equal ID numbers."""
    assert encrypt(ID) != encrypt(ID)


def test_a_ciphertext_does_not_contain_the_clear_text():
    """The stored form is versioned base64 with nothing readable in it."""
    token = encrypt(ID)
    assert token.startswith("v1:")
    assert ID not in token and "19850109" not in token


def test_a_tampered_ciphertext_is_refused():
    """AES-GCM authenticates: a changed byte does not decrypt to something else."""
    raw = bytearray(base64.b64decode(encrypt(ID)[3:]))
    raw[-1] ^= 1
    with pytest.raises(InvalidTag):
        decrypt("v1:" + base64.b64encode(bytes(raw)).decode())


def test_a_value_that_was_never_encrypted_is_refused():
    """decrypt() does not pass clear text through as if it were decrypted."""
    with pytest.raises(ValueError, match="not an encrypted value"):
        decrypt(ID)


def test_a_blind_index_is_stable():
    """The same value and purpose always give the same index, so lookups work."""
    assert blind_index(ID, purpose="id_number") == blind_index(ID, purpose="id_number")


def test_a_blind_index_depends_on_the_purpose():
    """An ID-number index and a phone index of the same text differ (no cross-matching)."""
    assert blind_index("13812345678", purpose="id_number") != blind_index(
        "13812345678", purpose="phone"
    )


def test_a_blind_index_depends_on_the_key(settings):
    """Another data key gives other indexes: the index is keyed, not a plain hash."""
    before = blind_index(ID, purpose="id_number")
    settings.QUNYAN_DATA_KEY = base64.urlsafe_b64encode(b"q" * 32).decode()
    assert blind_index(ID, purpose="id_number") != before


def test_a_blind_index_hides_the_value():
    """The index is hex of fixed length with no digits of the number in clear."""
    index = blind_index(ID, purpose="id_number")
    assert len(index) == 40
    assert ID not in index


def test_without_a_key_nothing_is_encrypted(settings, tmp_path):
    """No QUNYAN_DATA_KEY and no key file: a clear configuration error, never clear text."""
    settings.QUNYAN_DATA_KEY = ""
    settings.QUNYAN_DATA_KEY_FILE = str(tmp_path / "missing.key")
    with pytest.raises(ImproperlyConfigured):
        encrypt(ID)


def test_a_key_file_is_used_when_the_environment_has_none(settings, tmp_path):
    """The key file (made by make install) is read when QUNYAN_DATA_KEY is empty."""
    key_file = tmp_path / "data.key"
    key_file.write_text(base64.urlsafe_b64encode(b"f" * 32).decode() + "\n")
    settings.QUNYAN_DATA_KEY = ""
    settings.QUNYAN_DATA_KEY_FILE = str(key_file)
    assert decrypt(encrypt(ID)) == ID


@pytest.mark.parametrize("key", ["c2hvcnQ=", "not base64 at all!"])
def test_a_malformed_key_is_a_configuration_error(settings, key):
    """A key that is not 32 bytes of base64 is refused loudly."""
    settings.QUNYAN_DATA_KEY = key
    with pytest.raises(ImproperlyConfigured):
        encrypt(ID)


@pytest.mark.django_db
def test_the_database_holds_no_clear_id_or_phone_number(niupingao):
    """Reading the raw row with a cursor shows ciphertext and an index, never the numbers."""
    person = make_person(niupingao, id_number=ID, phone="13812345678")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id_number, id_number_index, phone, phone_index FROM people_person WHERE id = %s",
            [person.pk],
        )
        stored_id, stored_index, stored_phone, stored_phone_index = cursor.fetchone()
    assert stored_id.startswith("v1:") and stored_phone.startswith("v1:")
    row_text = " ".join((stored_id, stored_index, stored_phone, stored_phone_index))
    assert ID not in row_text and "13812345678" not in row_text
    assert "19850109" not in row_text
    assert stored_index == id_number_index(ID)


@pytest.mark.django_db
def test_the_model_reads_the_clear_values_back(niupingao):
    """Python code sees the clear numbers; a person is found by the blind index."""
    make_person(niupingao, id_number=ID.lower(), phone="13812345678")
    person = Person.objects.get(id_number_index=id_number_index(ID))
    assert (person.id_number, person.phone) == (ID, "13812345678")
    assert person.masked_id_number == "431181********123X"
    assert person.masked_phone == "138****5678"
