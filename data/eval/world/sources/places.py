"""Places by origin and street-address formats, written by hand for the world evaluation set.

Cities, regions and countries are real, public place names (they are what people mention);
streets are generic street names typical of each country, combined with random house numbers
and postcodes by ``generate.py``, so no address is meant to be a real person's home.

- ``countries`` / ``regions`` / ``cities``: labelled ``LOCATION``. Cities and regions are split
  between dev and heldout; country names are few and appear in both parts.
- ``address``: the key of an entry in ``ADDRESSES`` (labelled ``STREET_ADDRESS`` as a whole).
"""

PLACES = {
    "india_north": {
        "countries": "India",
        "regions": "Uttar Pradesh, Bihar, Rajasthan, Madhya Pradesh, Uttarakhand",
        "cities": "Lucknow, Kanpur, Jaipur, Varanasi, Patna, Noida, Gurugram, Agra, Bhopal, "
                  "Dehradun, Prayagraj, Indore",
        "address": "india",
    },
    "india_south": {
        "countries": "India",
        "regions": "Tamil Nadu, Kerala, Karnataka, Telangana, Andhra Pradesh",
        "cities": "Chennai, Bengaluru, Hyderabad, Kochi, Coimbatore, Madurai, Mysuru, "
                  "Visakhapatnam, Thiruvananthapuram, Vijayawada, Mangaluru, Tiruchirappalli",
        "address": "india",
    },
    "india_bengal": {
        "countries": "India",
        "regions": "West Bengal, Assam, Odisha",
        "cities": "Kolkata, Howrah, Siliguri, Durgapur, Asansol, Kharagpur, Bardhaman, Guwahati, "
                  "Bhubaneswar",
        "address": "india",
    },
    "india_punjab": {
        "countries": "India",
        "regions": "Punjab, Haryana, Himachal Pradesh",
        "cities": "Ludhiana, Amritsar, Jalandhar, Patiala, Mohali, Chandigarh, Bathinda, "
                  "Panchkula, Ambala",
        "address": "india",
    },
    "india_west": {
        "countries": "India",
        "regions": "Gujarat, Maharashtra, Goa",
        "cities": "Ahmedabad, Surat, Vadodara, Rajkot, Pune, Nashik, Nagpur, Mumbai, Thane, "
                  "Kolhapur, Aurangabad, Panaji",
        "address": "india",
    },
    "pakistani": {
        "countries": "Pakistan",
        "regions": "Sindh, Khyber Pakhtunkhwa, Balochistan",
        "cities": "Lahore, Karachi, Islamabad, Rawalpindi, Faisalabad, Multan, Peshawar, Sialkot, "
                  "Quetta, Gujranwala, Hyderabad Sindh",
        "address": "pakistan",
    },
    "bangladeshi": {
        "countries": "Bangladesh",
        "regions": "Chittagong Division, Rangpur Division",
        "cities": "Dhaka, Chattogram, Sylhet, Khulna, Rajshahi, Comilla, Gazipur, Barishal, "
                  "Mymensingh, Narayanganj",
        "address": "bangladesh",
    },
    "chinese_pinyin": {
        "countries": "China",
        "regions": "Guangdong, Sichuan, Zhejiang, Jiangsu, Hubei",
        "cities": "Beijing, Shanghai, Shenzhen, Chengdu, Hangzhou, Wuhan, Nanjing, Xi'an, "
                  "Chongqing, Suzhou, Tianjin, Qingdao",
        "address": "china",
    },
    "chinese_cantonese": {
        "countries": "Hong Kong, Macau",
        "regions": "Kowloon, New Territories, Hong Kong Island",
        "cities": "Sha Tin, Tsuen Wan, Mong Kok, Causeway Bay, Tuen Mun, Guangzhou, Foshan, "
                  "Sai Kung, Tai Po, Kwun Tong",
        "address": "hongkong",
    },
    "korean": {
        "countries": "South Korea, Korea",
        "regions": "Gyeonggi, Jeju, Gangwon",
        "cities": "Seoul, Busan, Incheon, Daegu, Daejeon, Gwangju, Suwon, Ulsan, Seongnam, Jeonju, "
                  "Changwon",
        "address": "korea",
    },
    "japanese": {
        "countries": "Japan",
        "regions": "Hokkaido, Okinawa, Kyushu, Kansai",
        "cities": "Tokyo, Osaka, Nagoya, Sapporo, Fukuoka, Kyoto, Yokohama, Sendai, Kobe, "
                  "Hiroshima, Kawasaki, Niigata",
        "address": "japan",
    },
    "vietnamese": {
        "countries": "Vietnam",
        "regions": "Mekong Delta, Quảng Nam",
        "cities": "Hanoi, Ho Chi Minh City, Saigon, Da Nang, Hai Phong, Can Tho, Huế, Nha Trang, "
                  "Vung Tau, Bien Hoa, Da Lat, Quy Nhơn",
        "address": "vietnam",
    },
    "thai": {
        "countries": "Thailand",
        "regions": "Isan, Phuket Province",
        "cities": "Bangkok, Chiang Mai, Khon Kaen, Nakhon Ratchasima, Hat Yai, Udon Thani, Pattaya, "
                  "Chiang Rai, Nonthaburi, Ayutthaya",
        "address": "thailand",
    },
    "filipino": {
        "countries": "Philippines",
        "regions": "Mindanao, Luzon, Visayas, Pampanga",
        "cities": "Manila, Quezon City, Cebu City, Davao, Makati, Pasig, Taguig, Iloilo, Bacolod, "
                  "Baguio, Cagayan de Oro, Zamboanga",
        "address": "philippines",
    },
    "indonesian": {
        "countries": "Indonesia",
        "regions": "Bali, Java, Sumatra, Sulawesi",
        "cities": "Jakarta, Surabaya, Bandung, Yogyakarta, Semarang, Medan, Makassar, Denpasar, "
                  "Malang, Palembang, Bogor, Balikpapan",
        "address": "indonesia",
    },
    "malay": {
        "countries": "Malaysia",
        "regions": "Selangor, Johor, Sabah, Sarawak",
        "cities": "Kuala Lumpur, Petaling Jaya, Shah Alam, George Town, Johor Bahru, Ipoh, "
                  "Kota Kinabalu, Kuching, Melaka, Seremban, Putrajaya, Kuantan",
        "address": "malaysia",
    },
    "nigerian_yoruba": {
        "countries": "Nigeria",
        "regions": "Ogun State, Oyo State, Osun State",
        "cities": "Lagos, Ibadan, Abeokuta, Ogbomosho, Osogbo, Ilorin, Akure, Ile-Ife, Ikeja, "
                  "Lekki, Ijebu-Ode",
        "address": "nigeria",
    },
    "nigerian_igbo": {
        "countries": "Nigeria",
        "regions": "Anambra, Imo State, Enugu State",
        "cities": "Enugu, Onitsha, Owerri, Aba, Awka, Nnewi, Umuahia, Abakaliki, Asaba, Nsukka",
        "address": "nigeria",
    },
    "nigerian_hausa": {
        "countries": "Nigeria, Niger",
        "regions": "Kano State, Kaduna State",
        "cities": "Kano, Kaduna, Sokoto, Zaria, Katsina, Maiduguri, Bauchi, Abuja, Jos, Gombe",
        "address": "nigeria",
    },
    "ghanaian": {
        "countries": "Ghana",
        "regions": "Ashanti Region, Volta Region, Greater Accra",
        "cities": "Accra, Kumasi, Tamale, Takoradi, Cape Coast, Tema, Koforidua, Sunyani, Obuasi, "
                  "Winneba",
        "address": "ghana",
    },
    "kenyan": {
        "countries": "Kenya, Uganda, Tanzania",
        "regions": "Rift Valley, Kiambu County",
        "cities": "Nairobi, Mombasa, Kisumu, Nakuru, Eldoret, Thika, Nyeri, Machakos, Kericho, "
                  "Malindi, Kampala, Arusha",
        "address": "kenya",
    },
    "ethiopian": {
        "countries": "Ethiopia, Eritrea",
        "regions": "Oromia, Amhara, Tigray",
        "cities": "Addis Ababa, Dire Dawa, Mekelle, Bahir Dar, Hawassa, Gondar, Adama, Jimma, "
                  "Dessie, Harar, Asmara",
        "address": None,
    },
    "arabic_gulf": {
        "countries": "Saudi Arabia, United Arab Emirates, UAE, Qatar, Kuwait, Oman, Bahrain",
        "regions": "Eastern Province",
        "cities": "Riyadh, Jeddah, Dammam, Dubai, Abu Dhabi, Sharjah, Doha, Muscat, Manama, "
                  "Kuwait City, Al Ain, Khobar",
        "address": "gulf",
    },
    "arabic_egyptian": {
        "countries": "Egypt",
        "regions": "Sinai, Upper Egypt",
        "cities": "Cairo, Alexandria, Giza, Mansoura, Tanta, Aswan, Luxor, Port Said, Zagazig, "
                  "Ismailia, Hurghada",
        "address": "egypt",
    },
    "arabic_levantine": {
        "countries": "Lebanon, Jordan, Syria, Palestine",
        "regions": "Mount Lebanon, Bekaa",
        "cities": "Beirut, Amman, Damascus, Tripoli, Jbeil, Sidon, Zahle, Aleppo, Irbid, Ramallah, "
                  "Homs",
        "address": None,
    },
    "persian": {
        "countries": "Iran",
        "regions": "Gilan, Khorasan",
        "cities": "Tehran, Isfahan, Shiraz, Tabriz, Mashhad, Karaj, Qom, Rasht, Kerman, Yazd",
        "address": None,
    },
    "turkish": {
        "countries": "Turkey, Türkiye",
        "regions": "Anatolia, Cappadocia",
        "cities": "Istanbul, Ankara, Izmir, Bursa, Antalya, Adana, Konya, Eskişehir, Gaziantep, "
                  "Trabzon, Kadıköy",
        "address": "turkey",
    },
    "polish": {
        "countries": "Poland",
        "regions": "Silesia, Masovia, Pomerania",
        "cities": "Warsaw, Kraków, Wrocław, Gdańsk, Poznań, Łódź, Katowice, Lublin, Szczecin, "
                  "Białystok, Rzeszów",
        "address": "poland",
    },
    "russian": {
        "countries": "Russia",
        "regions": "Siberia, Tatarstan",
        "cities": "Moscow, Saint Petersburg, Novosibirsk, Yekaterinburg, Kazan, Nizhny Novgorod, "
                  "Samara, Krasnodar, Vladivostok, Omsk, Tomsk",
        "address": "russia",
    },
    "ukrainian": {
        "countries": "Ukraine",
        "regions": "Zakarpattia, Donbas",
        "cities": "Kyiv, Lviv, Kharkiv, Odesa, Dnipro, Zaporizhzhia, Vinnytsia, Chernihiv, Poltava, "
                  "Ivano-Frankivsk, Uzhhorod",
        "address": "russia",
    },
    "latin_american": {
        "countries": "Mexico, Colombia, Argentina, Peru, Chile, Ecuador",
        "regions": "Jalisco, Antioquia, Patagonia, Yucatán",
        "cities": "Ciudad de México, Guadalajara, Monterrey, Bogotá, Medellín, Cali, Buenos Aires, "
                  "Córdoba, Lima, Valparaíso, Puebla, Rosario, Quito, Oaxaca",
        "address": "latam",
    },
    "brazilian": {
        "countries": "Brazil, Brasil",
        "regions": "Minas Gerais, Bahia, Santa Catarina",
        "cities": "São Paulo, Rio de Janeiro, Belo Horizonte, Porto Alegre, Curitiba, Recife, "
                  "Fortaleza, Florianópolis, Manaus, Campinas, Brasília, Goiânia",
        "address": "brazil",
    },
    "nordic": {
        "countries": "Denmark, Sweden, Norway, Iceland",
        "regions": "Jutland, Skåne, Lapland",
        "cities": "Copenhagen, Aarhus, Stockholm, Gothenburg, Malmö, Uppsala, Oslo, Trondheim, "
                  "Reykjavík, Odense, Stavanger, Tromsø",
        "address": "nordic",
    },
    "finnish": {
        "countries": "Finland",
        "regions": "Uusimaa, Ostrobothnia",
        "cities": "Helsinki, Espoo, Tampere, Turku, Oulu, Vantaa, Jyväskylä, Lahti, Kuopio, "
                  "Rovaniemi",
        "address": "nordic",
    },
    "dutch": {
        "countries": "Netherlands, Belgium",
        "regions": "Flanders, Friesland, Noord-Brabant",
        "cities": "Amsterdam, Rotterdam, Utrecht, Eindhoven, Groningen, Leiden, Delft, Haarlem, "
                  "Antwerp, Ghent, Nijmegen, Maastricht",
        "address": "dutch",
    },
    "german": {
        "countries": "Germany, Austria, Switzerland",
        "regions": "Bavaria, Saxony, Tyrol",
        "cities": "Berlin, Munich, Hamburg, Cologne, Frankfurt, Stuttgart, Düsseldorf, Leipzig, "
                  "Dresden, Vienna, Zürich, Graz, Hannover, Bremen",
        "address": "german",
    },
    "french": {
        "countries": "France, Belgium, Switzerland",
        "regions": "Brittany, Provence, Quebec, Normandy",
        "cities": "Paris, Lyon, Marseille, Toulouse, Bordeaux, Lille, Nantes, Strasbourg, "
                  "Montpellier, Nice, Rennes, Grenoble, Geneva, Montréal",
        "address": "french",
    },
    "italian": {
        "countries": "Italy",
        "regions": "Sicily, Tuscany, Lombardy, Puglia",
        "cities": "Milan, Rome, Naples, Turin, Bologna, Florence, Palermo, Genoa, Verona, Bari, "
                  "Catania, Padua",
        "address": "italian",
    },
    "greek": {
        "countries": "Greece, Cyprus",
        "regions": "Crete, Peloponnese, Macedonia",
        "cities": "Athens, Thessaloniki, Patras, Heraklion, Volos, Ioannina, Chania, Kalamata, "
                  "Rhodes, Nicosia, Limassol",
        "address": None,
    },
    "us": {
        "countries": "United States, USA",
        "regions": "Texas, Ohio, California, New Jersey, Florida, Oregon",
        "cities": "Chicago, Houston, Seattle, Denver, Atlanta, Boston, Philadelphia, Columbus, "
                  "Nashville, Minneapolis, San Diego, Pittsburgh, Cleveland, Sacramento",
        "address": "us",
    },
    "uk_irish": {
        "countries": "United Kingdom, UK, England, Scotland, Wales, Ireland",
        "regions": "Yorkshire, Cornwall, County Kerry, the Highlands",
        "cities": "London, Manchester, Birmingham, Leeds, Glasgow, Edinburgh, Cardiff, Bristol, "
                  "Belfast, Dublin, Cork, Galway, Sheffield, Swansea",
        "address": "uk",
    },
}

#: Street-address formats. ``patterns`` use {n} (house number), {n2} (flat/floor), {street},
#: {area}, {city} (a city of the same origin and split) and postcode fields, filled by
#: ``generate.py``. ``streets``/``areas`` are split between dev and heldout.
ADDRESSES = {
    "india": {
        "streets": "MG Road, 5th Cross Road, Nehru Nagar Main Road, Station Road, 2nd Main, "
                   "Gandhi Path, Link Road, Ring Road, Temple Street, College Road",
        "areas": "Indiranagar, Koramangala, Andheri East, Salt Lake Sector 3, Gomti Nagar, "
                 "Anna Nagar, Banjara Hills, Kothrud, Vaishali Nagar, Model Town",
        "patterns": [
            "Flat {n2}0{n1}, Sai Residency, {street}, {area}, {city} {pin}",
            "{n}, {street}, {area}, {city} - {pin}",
            "H.No. {n}/{n2}, {area}, {city} {pin}",
        ],
    },
    "pakistan": {
        "streets": "Street {n2}, Main Boulevard, Canal Road, Jail Road, Shahrah-e-Faisal",
        "areas": "DHA Phase 5, Gulberg III, Bahria Town, Model Town, F-7/2, Clifton Block 4",
        "patterns": ["House {n}, {street}, {area}, {city}", "Plot {n}-C, {area}, {city}"],
    },
    "bangladesh": {
        "streets": "Road {n2}, Satmasjid Road, Lake Circus Road, Green Road",
        "areas": "Dhanmondi, Gulshan 2, Uttara Sector 7, Mirpur 10, Banani, Mohammadpur",
        "patterns": ["House {n}, {street}, {area}, {city} 12{n2}"],
    },
    "china": {
        "streets": "Zhongshan Road, Renmin Road, Jiefang Avenue, Nanjing West Road, Wensan Road, "
                   "Tianfu Avenue",
        "areas": "Chaoyang District, Pudong New Area, Nanshan District, Jinjiang District, "
                 "Xihu District",
        "patterns": ["Room {n2}0{n1}, No. {n} {street}, {area}, {city} {zip6}"],
    },
    "hongkong": {
        "streets": "Nathan Road, Hip Wo Street, Shau Kei Wan Road, Castle Peak Road, "
                   "Sai Yeung Choi Street South, Lung Cheung Road",
        "areas": "Block 3 Laguna Verde, Tower 2 Metro Harbour View, Kwun Tong Garden Estate, "
                 "Lok Fu Place, Tai Koo Shing",
        "patterns": ["Flat {n2}B, {area}, {n} {street}, {city}", "{n2}/F, {n} {street}, {city}"],
    },
    "korea": {
        "streets": "Teheran-ro, Gangnam-daero, Sejong-daero, Haeundae-ro, Olympic-ro",
        "areas": "Gangnam-gu, Mapo-gu, Haeundae-gu, Jung-gu, Songpa-gu",
        "patterns": ["{n} {street}, {area}, {city} 0{zip4}", "{street} {n}, {area}, {city}, Apt {n2}0{n1}"],
    },
    "japan": {
        "streets": "Shibuya, Jingumae, Umeda, Sakae, Tenjin, Nishi-Shinjuku",
        "areas": "Shibuya-ku, Kita-ku, Chuo-ku, Naka-ku, Minato-ku, Shinjuku-ku",
        "patterns": ["{n1}-{n2}-{n1} {street}, {area}, {city} {jp}",
                     "{jp} {city} {area} {street} {n1}-{n2}-{n1}"],
    },
    "vietnam": {
        "streets": "Nguyễn Huệ, Lê Lợi, Hai Bà Trưng, Trần Hưng Đạo, Điện Biên Phủ, Lý Thường Kiệt",
        "areas": "Phường Bến Nghé, Quận 3, Quận Hoàn Kiếm, Phường 7, Quận Hải Châu",
        "patterns": ["{n} {street}, {area}, {city}", "Số {n} đường {street}, {area}, {city}"],
    },
    "thailand": {
        "streets": "Sukhumvit Soi {n2}, Ratchadaphisek Road, Phahonyothin Road, Nimmanhaemin Soi {n1}, "
                   "Charoen Krung Road",
        "areas": "Khlong Toei, Chatuchak, Bang Rak, Suthep, Huai Khwang",
        "patterns": ["{n}/{n2} {street}, {area}, {city} 10{n2}0"],
    },
    "philippines": {
        "streets": "Rizal Street, Mabini St., Katipunan Avenue, Ortigas Avenue, Burgos Street",
        "areas": "Brgy. San Isidro, Brgy. Poblacion, Brgy. Lahug, Brgy. Kapitolyo, Brgy. Loyola Heights",
        "patterns": ["{n} {street}, {area}, {city}", "Unit {n2}0{n1}, {n} {street}, {area}, {city} {zip4}"],
    },
    "indonesia": {
        "streets": "Jl. Sudirman, Jl. Gatot Subroto, Jl. Diponegoro, Jl. Merdeka, Jl. Malioboro",
        "areas": "Kebayoran Baru, Menteng, Kuningan, Coblong, Gubeng",
        "patterns": ["{street} No. {n}, {area}, {city} {zip5}", "{street} No.{n} RT {n1}/RW {n2}, {area}, {city}"],
    },
    "malaysia": {
        "streets": "Jalan Ampang, Jalan SS 2/{n2}, Jalan Tun Razak, Lorong Maarof, Jalan Bukit Bintang",
        "areas": "Taman Tun Dr Ismail, Bangsar, Mont Kiara, Taman Desa, Cheras",
        "patterns": ["No. {n}, {street}, {area}, {zip5} {city}", "{n}, {street}, {zip5} {city}"],
    },
    "nigeria": {
        "streets": "Adeola Odeku Street, Allen Avenue, Awolowo Road, Herbert Macaulay Way, "
                   "Ogui Road, Ahmadu Bello Way, Bompai Road",
        "areas": "Victoria Island, Ikoyi, Yaba, Surulere, GRA Phase 2, Wuse 2, Independence Layout",
        "patterns": ["{n} {street}, {area}, {city}", "Plot {n}, {street}, off {area}, {city}"],
    },
    "ghana": {
        "streets": "Oxford Street, Liberation Road, Ring Road Central, Spintex Road, Harper Road",
        "areas": "Osu, East Legon, Cantonments, Adum, Dzorwulu",
        "patterns": ["{n} {street}, {area}, {city}", "House No. {n2}, {street}, {area}, {city}"],
    },
    "kenya": {
        "streets": "Ngong Road, Kenyatta Avenue, Moi Avenue, Waiyaki Way, Argwings Kodhek Road",
        "areas": "Kilimani, Westlands, Lavington, Nyali, Kileleshwa",
        "patterns": ["{street}, {area}, P.O. Box {n}{n2}-00100, {city}", "Apt {n2}, {street}, {area}, {city}"],
    },
    "gulf": {
        "streets": "Sheikh Zayed Road, Al Wasl Road, King Fahd Road, Olaya Street, Corniche Road",
        "areas": "Jumeirah 1, Al Barsha, Al Olaya, Al Khobar North, West Bay",
        "patterns": ["Villa {n}, Street {n2}, {area}, {city}", "Apartment {n2}0{n1}, {street}, {area}, {city}"],
    },
    "egypt": {
        "streets": "Tahrir Street, Mohamed Mazhar Street, El Nasr Road, Abbas El Akkad Street, "
                   "Gameat El Dowal Street",
        "areas": "Zamalek, Maadi, Heliopolis, Nasr City, Dokki, Smouha",
        "patterns": ["{n} {street}, {area}, {city}", "Apt {n2}, Building {n}, {street}, {area}, {city}"],
    },
    "turkey": {
        "streets": "Bağdat Caddesi, İstiklal Caddesi, Atatürk Bulvarı, Cumhuriyet Caddesi, Moda Caddesi",
        "areas": "Caferağa Mahallesi, Çankaya, Beşiktaş, Alsancak, Nilüfer",
        "patterns": ["{street} No: {n} D: {n2}, {area}, {city}", "{area}, {street} No:{n}, {zip5} {city}"],
    },
    "poland": {
        "streets": "ul. Marszałkowska, ul. Floriańska, ul. Piotrkowska, ul. Długa, al. Jerozolimskie",
        "areas": "Śródmieście, Mokotów, Stare Miasto, Wola, Podgórze",
        "patterns": ["{street} {n}/{n2}, {pl} {city}", "{street} {n} m. {n2}, {pl} {city}"],
    },
    "russia": {
        "streets": "ul. Tverskaya, Nevsky prospekt, ul. Lenina, ul. Khreshchatyk, prospekt Mira, "
                   "vul. Shevchenka",
        "areas": "Tsentralny rayon, Pechersk, Vasileostrovsky",
        "patterns": ["{street}, d. {n}, kv. {n2}, {city} {zip6}", "{street} {n}, apt {n2}, {city}"],
    },
    "latam": {
        "streets": "Calle Morelos, Avenida Insurgentes Sur, Carrera 7, Calle 93, Avenida Corrientes, "
                   "Jirón de la Unión, Calle Bolívar",
        "areas": "Col. Roma Norte, Chapinero, Palermo Soho, Miraflores, El Poblado, Col. Condesa",
        "patterns": ["{street} {n}, {area}, {city}", "{street} #{n}-{n2}, {area}, {city}",
                     "{street} {n}, Depto {n2}, {area}, {zip5} {city}"],
    },
    "brazil": {
        "streets": "Rua das Flores, Avenida Paulista, Rua Augusta, Rua Oscar Freire, "
                   "Avenida Atlântica, Rua da Consolação",
        "areas": "Bela Vista, Copacabana, Savassi, Moinhos de Vento, Boa Viagem, Pinheiros",
        "patterns": ["{street}, {n} - {area}, {city} - SP, {cep}", "{street}, {n}, apto {n2}0{n1}, {area}, {city}"],
    },
    "nordic": {
        "streets": "Nørrebrogade, Drottninggatan, Karl Johans gate, Storgatan, Vesterbrogade, "
                   "Mannerheimintie, Hämeenkatu",
        "areas": "",
        "patterns": ["{street} {n}, {zip4} {city}", "{street} {n} {n1} tv, {zip4} {city}"],
    },
    "dutch": {
        "streets": "Keizersgracht, Prinsengracht, Oudegracht, Witte de Withstraat, Kerkstraat, "
                   "Meir, Stationsplein",
        "areas": "",
        "patterns": ["{street} {n}, {nl} {city}", "{street} {n}-{n1}, {nl} {city}"],
    },
    "german": {
        "streets": "Hauptstraße, Bahnhofstraße, Schillerstraße, Goethestraße, Lindenallee, "
                   "Kastanienweg, Mariahilfer Straße",
        "areas": "",
        "patterns": ["{street} {n}, {zip5} {city}", "{street} {n}a, {zip5} {city}"],
    },
    "french": {
        "streets": "rue de la Paix, boulevard Voltaire, avenue Jean Jaurès, rue du Faubourg Saint-Antoine, "
                   "place Bellecour, rue Sainte-Catherine",
        "areas": "",
        "patterns": ["{n} {street}, {zip5} {city}", "{n} bis {street}, {zip5} {city}"],
    },
    "italian": {
        "streets": "Via Roma, Via Garibaldi, Corso Vittorio Emanuele II, Via dei Mille, Viale Monza, "
                   "Via Toledo",
        "areas": "",
        "patterns": ["{street} {n}, {zip5} {city}", "{street} {n}, int. {n2}, {zip5} {city}"],
    },
    "us": {
        "streets": "Maple Avenue, Oak Street, Cedar Lane, Lakeview Drive, Pinecrest Road, "
                   "Sycamore Court, Highland Avenue, Willow Bend Drive",
        "areas": "",
        "patterns": ["{n}{n1} {street}, {city}, {st} {zip5}", "{n}{n1} {street}, Apt {n2}B, {city}, {st} {zip5}"],
    },
    "uk": {
        "streets": "Coleridge Road, Ashgrove Avenue, Mill Lane, Chapel Street, Wellington Crescent, "
                   "Kingsley Gardens, Station Approach",
        "areas": "",
        "patterns": ["{n} {street}, {city} {uk}", "Flat {n2}, {n} {street}, {city} {uk}"],
    },
}

def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``."""
    return frozenset(text.split())


#: Generic words inside places and addresses ("City", "Road", "Street", "No"...). They identify
#: no place on their own, so they are not scored as leaks (see ``benchmarks/world_eval.py``).
GENERIC_PLACE_WORDS = _words(
    """city state region province county district division island islands new saint san santa
    north south east west upper lower the of and road rd street st avenue ave lane drive court
    crescent gardens approach way boulevard place flat apt apartment unit room floor block tower
    house plot villa building no number sector phase main cross soi jalan jl lorong taman brgy
    ul al vul prospekt rayon kv apto rua rue avenida calle carrera col depto via viale corso int
    bis gate gatan gade straße strasse allee weg tv off ro gu ku daero road mahallesi caddesi
    bulvarı box estate garden layout nagar residency po de la do da das dos des du le
    th nd"""
)
