"""Hand-written word lists for the synthetic training data (names, places, negatives).

Names generated from these lists need not be real people; they must look like real names.
Lists are whitespace- or '|'-separated strings, because that is easier to read and edit.
"""

from __future__ import annotations

from chatveil.detect.recognizers._lexicon import EAST_ASIAN_SURNAMES as _SURNAMES
from chatveil.detect.recognizers._lexicon import WORD_GIVEN as _WORD_GIVEN


def words(s: str) -> list[str]:
    """Whitespace-separated items."""
    return s.split()


def items(s: str) -> list[str]:
    """'|'-separated items (they may contain spaces)."""
    return [x.strip() for x in s.split("|") if x.strip()]


# ----------------------------------------------------------------------------- Chinese (pinyin)
ZH_SURNAMES = list(_SURNAMES["zh"])  # shipped: the name rules read them too
ZH_SYLLABLES = words("""
wei fang min jing li qiang lei jun yang yong yan jie tao ming chao xiu ying hua hui hong
ping gang xin yu hao kai zi han yi xuan rui ze chen bo lin ning qing lan mei yun tian feng
long peng zhi hai dong xiao wen jia jian guo zhen shu na ting yue qian xi bin cheng kun
an le jin rong shan wan xue yao ying zhu zhong liang hu bao fei lu si meng hui jiao yuan
shuang song dan juan li xia ya lu hang cong yi han xiang rong huan heng
""")
# Cantonese / Hokkien / Taiwanese romanisations.
HK_SURNAMES = list(_SURNAMES["hk"])  # shipped: the name rules read them too
HK_GIVEN = words("""
Ka Wing Siu Chi Man Kin Wai Yan Ho Hoi Mei Ling Yee Kwok Tak Sze Shu Hei Lok Pui Fai Chun
Kit Ming Ching Yuk Lai Ying Fun Tung Hon Sum Hing Wah Keung Chuen Hong Yiu Yin Kei Mun
""")
EN_GIVEN_ASIAN = words("""
Kevin Jason Vincent Eric Jenny Vivian Grace Alice Ivy Michelle Tony Andy Jacky Eunice Cheryl
Wendy Winnie Kelvin Raymond Ben Daniel Karen Fiona Crystal Joyce Stanley Terence Calvin
""")

# ----------------------------------------------------------------------------- Korean
KO_SURNAMES = list(_SURNAMES["ko"])  # shipped: the name rules read them too
KO_SYLLABLES = words("""
min ji seo hyun jun woo young soo eun hye jin sung ho jae hee yeon kyung sang dong hoon yoon
ha na bin seung won jung mi kyu tae chul su ah in joon yeong hwan sook ja ok da ye rin chan
gyu hyuk jong sik cheol myung nam il seok joo gi kang yu sol bo ram seul ki dae geun
""")

# ----------------------------------------------------------------------------- Vietnamese
VI_SURNAMES = list(_SURNAMES["vi"])  # shipped: the name rules read them too
VI_MIDDLE = words("Văn Thị Hữu Đức Minh Thanh Ngọc Quang Xuân Thu Kim Hoài Bảo Gia Thành Công Quốc Hồng Mỹ Phương Như Anh Tuấn Diệu")
VI_GIVEN = words("""
An Anh Bình Châu Cường Dũng Duy Đạt Giang Hà Hải Hạnh Hằng Hiếu Hiền Hoa Hùng Hương Huy
Khánh Khoa Lan Linh Long Mai Nam Ngân Nhung Nhi Phong Phúc Phương Quân Quyên Sơn Tâm Thảo
Thắng Thủy Trang Trâm Trung Tuấn Tú Việt Vy Yến Hậu Lộc Nga Oanh Quỳnh Tín Toàn Uyên Vân
Thuận Kiên Tiến Hòa Nhật Bảo Khang Tùng Thư Diệp Liên Loan My Ngọc Nhàn Sang Tài Thịnh
""")

# ----------------------------------------------------------------------------- Thai
TH_GIVEN = words("""
Kanokwan Somchai Siriporn Nattapong Pornpimol Thanawat Wichai Supaporn Anong Chaiyaporn
Kittisak Ratchanee Sombat Warunee Jiraporn Apinya Pimchanok Narong Prasert Boonmee Somsak
Suda Malee Nong Arthit Chatchai Kamonwan Natthida Panida Piyawat Sasithorn Sutthipong Thitima
Tanawat Pattama Weerachai Yupin Kulap Chalerm Phongsak Rattana Suriya Duangjai Wanida Preecha
""")
TH_PARTS = words("""
suk sawat sri wong chai phon rat thana kit siri porn pong sak boon mee charoen rung ruang sombat
thong kul wat wan phan pra kan anan rak sin pai lert nop pat tip thep wich yut ying kham lee
jaroen sap dee tham ma sa kul chan sook wongse phak nak udom manee sakul rattana
""")

# ----------------------------------------------------------------------------- Arabic & Malay
AR_GIVEN = words("""
Mohammed Muhammad Mohamed Ahmed Ahmad Ali Omar Umar Khalid Youssef Yusuf Ibrahim Hassan Hussein
Abdullah Abdulrahman Fatima Aisha Mariam Layla Noor Huda Zainab Salma Rania Yasmin Hamza Tariq
Karim Samir Nabil Rashid Faisal Saeed Mustafa Amal Hana Lina Reem Dina Sara Mona Walid Ziad
Bilal Anas Jamal Nadia Souad Khadija Maryam Imran Adnan Majid Hamad Sultan Nasser Fahad Turki
Abdelaziz Mahmoud Yasser Rami Hadi Basma Ghada Nour Dalia Rana Samira Latifa Yousra Malak
""")
AR_SURNAMES = items("""
Al-Hashimi|Al Mansouri|El-Sayed|Haddad|Khoury|Nasser|Abdallah|Hamdan|Saleh|Qureshi|Ben Ali|
Benali|Bouazizi|Mansour|Farouk|Aziz|Rahman|Hakim|Kassem|Darwish|Othman|Zayed|Shaikh|Suleiman|
Obeid|Jaber|Mahmoud|Ibrahim|Ashraf|Fahmy|Shalaby|Abdelaziz|Al-Farsi|Al Nahyan|Al-Qahtani|
Al-Otaibi|El Amrani|Benjelloun|Chaouch|Haddadi|Mubarak|Taha|Younes|Khalil|Sabbagh|Nassar|
Barakat|Hijazi|Karam|Tahan|Halabi|Awad|Salem|Hamdi|Zidane|Belkacem|Bouteflika|Mekki|Trabelsi
""")
MS_GIVEN = words("""
Fauziah Nurul Siti Aisyah Ahmad Faizal Hafiz Azlan Zulkifli Rosli Noraini Suhaila Farah Izzati
Syafiq Haziq Amirul Aiman Nurain Shahrul Azman Rohani Zainal Kamarul Hidayah Nabila Syazwani
Wan Mohd Faridah Rahimah Norhayati Hasnah Ismail Iskandar Khairul Razak Salleh Rosmah Liyana
""")
MS_SURNAMES = words("""
Abdullah Ismail Rahman Hassan Osman Yusof Ibrahim Salleh Hamid Razak Aziz Kassim Mohamad Ahmad
Jaafar Hussin Mahmud Zakaria Mansor Sulaiman Harun Ghazali Ramli Yaacob Latif Bakar Karim
""")
ID_EXTRA_GIVEN = words("""
Budi Sri Agus Dewi Wahyu Eko Rina Putri Adi Bambang Joko Siti Yuliana Hendra Indah Rudi Ayu
Teguh Wulan Dian Fitri Gilang Bayu Made Ketut Nyoman Wayan Kadek Intan Ratna Setiawati
""")

# ----------------------------------------------------------------------------- South Asian
IN_GIVEN = words("""
Swati Priya Rahul Aarav Ananya Deepak Sunita Venkatesh Lakshmi Aditi Arjun Bhavna Chetan Divya
Gaurav Harsha Ishaan Kavya Karthik Manoj Meera Nikhil Pooja Rajesh Ravi Sanjay Shreya Sneha
Suresh Tanvi Uday Vikram Vivek Yash Zoya Anjali Rohit Sachin Neha Pranav Sai Srinivas Venkat
Murali Gopal Lalitha Padma Revathi Kiran Abhishek Akshay Amit Anand Aparna Aruna Bharath
Deepika Gayatri Girish Hemant Jyoti Kamala Keerthi Lata Madhav Mahesh Nandini Naveen Nisha
Prakash Pradeep Radha Ramesh Rekha Sandeep Saroj Shalini Shankar Shilpa Sudha Sunil Tejas
Usha Varun Vidya Vijay Yogesh Anushka Aishwarya Dhruv Farhan Harpreet Gurpreet Jaspreet
Manpreet Navjot Simran Inderjit Baljit Sukhwinder Rajinder Parminder Kuldeep Ajay Ashok
Bhaskar Chandra Dinesh Ganesh Hari Jagdish Kalpana Kishore Krishna Leela Mohan Mukesh
Narendra Pallavi Pavan Raghav Rajani Sarita Satish Savitri Shanti Shobha Sridevi Subhash
Thilak Vasanth Vimala Yamini Ankita Rupali Mrunal Sayali Omkar Tushar Prathamesh Aniket
""")
IN_SURNAMES = words("""
Pawar Iyer Nair Menon Reddy Rao Chatterjee Banerjee Mukherjee Ghosh Das Patel Shah Mehta Desai
Joshi Kulkarni Deshpande Patil Jadhav Shinde Gupta Sharma Verma Singh Kaur Gill Sandhu Dhillon
Pillai Krishnan Raghavan Srinivasan Balasubramanian Natarajan Ramachandran Thakur Chauhan Yadav
Mishra Tiwari Pandey Dubey Saxena Agarwal Bhat Hegde Shetty Gowda Naidu Choudhary Bose Sen
Dutta Kapoor Malhotra Khanna Arora Bajaj Bhatia Chopra Sethi Ahuja Grewal Bains Sidhu Brar
Subramaniam Venkataraman Swaminathan Gopalakrishnan Chandrasekhar Kumar Prasad Sinha Jha
Tripathi Shukla Srivastava Bhattacharya Sengupta Dasgupta Chakraborty Roy Sarkar Mondal Biswas
Kamble Gaikwad More Salunkhe Bhosale Chavan Kadam Wagh Deshmukh Naik Gawde Sawant Rane Kamat
Pai Shenoy Prabhu Kini Acharya Upadhyay Trivedi Vyas Parekh Modi Thakkar Bhavsar Solanki
Rathod Parmar Vaghela Chaudhari Hussain Qureshi Ansari Siddiqui Khan Sheikh Syed Mirza
""")
PK_BD_LK_GIVEN = words("""
Ayesha Bilal Faraz Hina Imran Junaid Kamran Mahnoor Nadia Omer Rabia Saima Tahir Usman Waqas
Zainab Asif Fahim Rafiq Shirin Tanvir Mahmud Nusrat Rezaul Sabina Tahmina Kamal Anisur
Dilshan Chamari Nuwan Kumudu Sanath Tharindu Dinesh Lasith Nadeesha Ishara Sajith
""")
PK_BD_LK_SURNAMES = words("""
Chaudhry Malik Butt Awan Rana Abbasi Bhutto Jamali Hossain Rahman Islam Uddin Chowdhury Akter
Begum Sarker Perera Fernando Silva Jayasuriya Wickramasinghe Bandara Dissanayake Herath
Gunawardena Rajapaksa Senanayake Jayawardena Ranasinghe
""")

# ----------------------------------------------------------------------------- Africa (extra)
AF_GIVEN = words("""
Chinedu Ngozi Emeka Adaeze Oluwaseun Temitope Babatunde Funmilayo Yetunde Chukwuemeka Obinna
Ifeoma Nkechi Tunde Bola Kemi Femi Segun Aisha Musa Abubakar Zainab Halima Usman Amina Ibrahim
Kwame Kofi Ama Akosua Yaw Kwabena Abena Esi Kojo Efua Wanjiru Njeri Kamau Otieno Achieng Akinyi
Wambui Mwangi Odhiambo Chege Kiprono Jelagat Thabo Sipho Nomvula Lindiwe Zanele Bongani Themba
Tendai Tatenda Rutendo Farai Chipo Tinashe Abebe Tigist Selam Dawit Yohannes Mekdes Haile
Blessing Precious Godswill Favour Goodluck Chioma Uchenna Ebere Nnamdi Kelechi Amarachi
""")
AF_SURNAMES = words("""
Okafor Okonkwo Adeyemi Ogunleye Balogun Eze Nwosu Obi Chukwu Adebayo Olawale Bello Abubakar
Danjuma Yusuf Mohammed Mensah Owusu Boateng Asante Appiah Ofori Agyeman Osei Kariuki Mwangi
Otieno Ochieng Wanjala Kiptoo Kiplagat Njoroge Muthoni Dlamini Nkosi Ndlovu Khumalo Mokoena
Zulu Mthembu Moyo Chikwanha Mutasa Tesfaye Bekele Gebremedhin Alemu Haile Abiodun Akinola
Nwachukwu Onyekachi Ekwueme Igwe Oyelaran Adewale Fashola Okeke Uzoma Ogbu Anyanwu Ibe
""")

# ----------------------------------------------------------------------------- Filipino
PH_GIVEN = words("""
Jhon Maricel Rowena Jomar Arnel Mylene Rodel Jericho Analyn Lovely Jessa Mark Jay-ar Marites
Rhea Princess Carlo Angelica Jonel Glaiza Ramil Jun Bong Ligaya Maria Cristina Joel Rolando
Erlinda Perla Dodong Inday Reynaldo Edwin Noel Marvin Kristine Aileen Jocelyn Ma.
""")
PH_SURNAMES = items("""
dela Cruz|Santos|Reyes|Bautista|Garcia|Mendoza|Ramos|Villanueva|Aquino|Castillo|Navarro|
Manalo|Pascual|Dizon|Macapagal|Soriano|de Leon|del Rosario|Gonzales|Tolentino|Mercado|
Lacson|Salazar|Panganiban|Magsaysay|Dimaculangan|Ocampo|Sison|Tan|Lim|Cabrera|Agbayani
""")

# ----------------------------------------------------------------------------- Russian etc.
CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i",
    "ї": "yi", "є": "ye", "ґ": "g",
}

# ----------------------------------------------------------------------------- Titles
TITLES = items("""
Mr|Mr.|Mrs|Mrs.|Ms|Ms.|Dr|Dr.|Prof.|Professor|Sir|Madam|Miss|Mx|Shri|Smt.|Sri|Alhaji|Chief|
Engr.|Pastor|Mallam|Aunty|Uncle|Hajia|Mme|Herr|Frau|Sr.|Sra.|Dona|Mister|Doctor|Nurse|Coach|
Capt.|Officer|Judge|Rev.|Fr.|Sis|Bro|Hon.|Dato'|Datuk|Tan Sri|Pak|Bu|Ibu|Bapak|Anh|Chị|Khun
""")
HONORIFIC_SUFFIXES = ["-san", "-sama", "-kun", "-chan", " ji", "-ssi", " sahab", " bhai", " didi"]

# ----------------------------------------------------------------------------- Places
WORLD_CITIES = items("""
Lagos|Abuja|Ibadan|Kano|Port Harcourt|Enugu|Benin City|Kaduna|Accra|Kumasi|Nairobi|Mombasa|
Kisumu|Kampala|Dar es Salaam|Addis Ababa|Kigali|Lusaka|Harare|Bulawayo|Johannesburg|Cape Town|
Durban|Pretoria|Casablanca|Rabat|Marrakesh|Tunis|Algiers|Cairo|Alexandria|Khartoum|Dakar|
Abidjan|Douala|Yaoundé|Kinshasa|Luanda|Maputo|Antananarivo|Mumbai|Delhi|New Delhi|Bengaluru|
Bangalore|Chennai|Hyderabad|Kolkata|Pune|Ahmedabad|Jaipur|Lucknow|Kochi|Thiruvananthapuram|
Coimbatore|Madurai|Nagpur|Indore|Bhopal|Patna|Chandigarh|Ludhiana|Amritsar|Surat|Vadodara|
Mysuru|Mangaluru|Visakhapatnam|Vijayawada|Guwahati|Bhubaneswar|Noida|Gurugram|Thane|Nashik|
Karachi|Lahore|Islamabad|Rawalpindi|Peshawar|Faisalabad|Dhaka|Chittagong|Sylhet|Colombo|
Kandy|Kathmandu|Pokhara|Thimphu|Malé|Beijing|Shanghai|Shenzhen|Guangzhou|Chengdu|Wuhan|
Hangzhou|Nanjing|Xi'an|Chongqing|Tianjin|Suzhou|Xiamen|Qingdao|Dalian|Kunming|Harbin|Hong Kong|
Kowloon|Macau|Taipei|Kaohsiung|Taichung|Tainan|Seoul|Busan|Incheon|Daegu|Daejeon|Gwangju|
Suwon|Ulsan|Jeju|Tokyo|Osaka|Kyoto|Yokohama|Nagoya|Sapporo|Fukuoka|Kobe|Sendai|Hiroshima|
Hanoi|Ho Chi Minh City|Saigon|Da Nang|Hai Phong|Hue|Nha Trang|Can Tho|Bangkok|Chiang Mai|
Phuket|Pattaya|Khon Kaen|Hat Yai|Vientiane|Phnom Penh|Siem Reap|Yangon|Mandalay|Kuala Lumpur|
Penang|George Town|Johor Bahru|Ipoh|Kota Kinabalu|Kuching|Singapore|Jakarta|Surabaya|Bandung|
Medan|Yogyakarta|Semarang|Denpasar|Makassar|Manila|Quezon City|Cebu City|Davao|Makati|Taguig|
Iloilo|Baguio|Ulaanbaatar|Almaty|Tashkent|Bishkek|Dubai|Abu Dhabi|Sharjah|Doha|Riyadh|Jeddah|
Dammam|Kuwait City|Manama|Muscat|Amman|Beirut|Damascus|Baghdad|Erbil|Tehran|Isfahan|Istanbul|
Ankara|Izmir|Tel Aviv|Jerusalem|Haifa|Tbilisi|Yerevan|Baku|Moscow|Saint Petersburg|Novosibirsk|
Kazan|Kyiv|Kharkiv|Lviv|Odesa|Minsk|Warsaw|Kraków|Wrocław|Gdańsk|Prague|Brno|Budapest|Vienna|
Bratislava|Ljubljana|Zagreb|Belgrade|Sarajevo|Sofia|Bucharest|Cluj-Napoca|Athens|Thessaloniki|
Berlin|Munich|Hamburg|Frankfurt|Cologne|Stuttgart|Düsseldorf|Leipzig|Dresden|Zurich|Geneva|
Basel|Bern|Lausanne|Paris|Lyon|Marseille|Toulouse|Nice|Bordeaux|Lille|Nantes|Strasbourg|
Brussels|Antwerp|Ghent|Amsterdam|Rotterdam|The Hague|Utrecht|Eindhoven|Luxembourg|Copenhagen|
Aarhus|Stockholm|Gothenburg|Malmö|Oslo|Bergen|Helsinki|Tampere|Reykjavik|Dublin|Cork|Galway|
London|Manchester|Birmingham|Leeds|Liverpool|Glasgow|Edinburgh|Cardiff|Belfast|Bristol|
Newcastle|Sheffield|Nottingham|Oxford|Cambridge|Madrid|Barcelona|Valencia|Seville|Bilbao|
Málaga|Lisbon|Porto|Rome|Milan|Naples|Turin|Florence|Bologna|Venice|Palermo|Genoa|New York|
Los Angeles|Chicago|Houston|Phoenix|Philadelphia|San Antonio|San Diego|Dallas|Austin|
San Francisco|Seattle|Denver|Boston|Atlanta|Miami|Detroit|Minneapolis|Portland|Las Vegas|
Nashville|Baltimore|Pittsburgh|Cleveland|Columbus|Charlotte|Raleigh|Salt Lake City|Honolulu|
Anchorage|Toronto|Montreal|Vancouver|Calgary|Ottawa|Edmonton|Winnipeg|Quebec City|Halifax|
Mexico City|Guadalajara|Monterrey|Puebla|Tijuana|Cancún|Mérida|Oaxaca|Bogotá|Medellín|Cali|
Barranquilla|Cartagena|Lima|Arequipa|Cusco|Quito|Guayaquil|Caracas|Maracaibo|Santiago|
Valparaíso|Buenos Aires|Córdoba|Rosario|Mendoza|Montevideo|Asunción|La Paz|Santa Cruz|
São Paulo|Rio de Janeiro|Brasília|Salvador|Fortaleza|Belo Horizonte|Manaus|Curitiba|Recife|
Porto Alegre|Havana|Santo Domingo|San Juan|Kingston|Port of Spain|Panama City|San José|
Guatemala City|Tegucigalpa|Managua|San Salvador|Sydney|Melbourne|Brisbane|Perth|Adelaide|
Canberra|Hobart|Darwin|Auckland|Wellington|Christchurch|Suva|Port Moresby|Apia
""")
REGIONS = items("""
Kerala|Tamil Nadu|Karnataka|Maharashtra|Gujarat|Punjab|Rajasthan|Uttar Pradesh|Bihar|
West Bengal|Odisha|Telangana|Andhra Pradesh|Assam|Goa|Kashmir|Sindh|Khyber Pakhtunkhwa|
Lagos State|Kano State|Rivers State|Oyo State|Anambra|Enugu State|Delta State|Kaduna State|
Ashanti Region|Rift Valley|Gauteng|KwaZulu-Natal|Western Cape|Bavaria|Saxony|Brittany|
Normandy|Provence|Catalonia|Andalusia|Basque Country|Tuscany|Lombardy|Sicily|Sardinia|
Scotland|Wales|Cornwall|Yorkshire|Flanders|Wallonia|Lapland|Siberia|Patagonia|Quebec|Ontario|
British Columbia|Alberta|California|Texas|Florida|New England|the Midwest|Bay Area|
Silicon Valley|Guangdong|Sichuan|Yunnan|Fujian|Zhejiang|Jiangsu|Hokkaido|Kyushu|Okinawa|
Gyeonggi|Jeolla|Mekong Delta|Isan|Java|Bali|Sumatra|Borneo|Sabah|Sarawak|Mindanao|Luzon|
Visayas|Tasmania|Queensland|New South Wales|Victoria|Galilee|Anatolia|Kurdistan|Darfur|
Sahel|Balochistan|Gilgit-Baltistan|Sylhet Division|Ile-de-France|Alsace|Tyrol|Transylvania
""")
LANDMARKS = items("""
Eiffel Tower|Taj Mahal|Mount Kilimanjaro|Victoria Falls|Lake Como|Table Mountain|Great Wall|
Marina Bay|Angkor Wat|Mount Fuji|Machu Picchu|Grand Canyon|Central Park|Golden Gate Bridge|
Lake Victoria|Mount Everest|Sahara|Niagara Falls|Ha Long Bay|Gateway of India|Charminar|
Marina Beach|Juhu Beach|Lekki|Victoria Island|Ikeja|Yaba|Surulere|Koramangala|Indiranagar|
Whitefield|Bandra|Andheri|Powai|Connaught Place|Salt Lake|Gangnam|Hongdae|Itaewon|Shibuya|
Shinjuku|Akihabara|Wan Chai|Mong Kok|Tsim Sha Tsui|Pudong|Chinatown|Brooklyn|Queens|
Harlem|Soho|Camden|Shoreditch|Kreuzberg|Montmartre|Trastevere|Alfama|Copacabana|Palermo Soho|
Miraflores|Polanco|Condesa|Westlands|Kilimani|Osu|East Legon|Sandton|Soweto|Khayelitsha|
Thamel|Dharavi|Old Town|Lake Toba|Kuta|Ubud|Boracay|Palawan|Bukit Bintang|Orchard Road|
Sentosa|Lake Geneva|the Alps|the Himalayas|the Andes|the Rockies|Mount Kenya|Lake Tahoe|
Mont Blanc|Red Square|Times Square|Trafalgar Square|Tiananmen Square|Jemaa el-Fnaa
""")
EXTRA_COUNTRIES = items("""
India|Nigeria|Ghana|Kenya|South Korea|Korea|China|Vietnam|Viet Nam|Thailand|Indonesia|
Malaysia|Philippines|the Philippines|Pakistan|Bangladesh|Sri Lanka|Nepal|Japan|Taiwan|
Singapore|Egypt|Morocco|Ethiopia|Tanzania|Uganda|Rwanda|South Africa|Zimbabwe|Senegal|
Cameroon|Brazil|Mexico|Colombia|Argentina|Peru|Chile|Germany|France|Spain|Italy|Poland|
Netherlands|the Netherlands|Sweden|Norway|Finland|Denmark|Turkey|Türkiye|Saudi Arabia|UAE|
the UAE|Qatar|Oman|Jordan|Lebanon|Iran|Iraq|Israel|Ukraine|Russia|Romania|Hungary|
Czech Republic|Czechia|Portugal|Greece|Ireland|the UK|UK|United Kingdom|England|USA|the US|
the USA|United States|America|Canada|Australia|New Zealand
""")
CYRILLIC_CITIES_FALLBACK = items("Novosibirsk|Yekaterinburg|Samara|Omsk|Rostov|Ufa|Krasnoyarsk|Voronezh|Perm|Volgograd|Dnipro|Zaporizhzhia|Vinnytsia|Poltava|Chernihiv")

# ----------------------------------------------------------------------------- Negatives
TECH = items("""
Python|Go|Rust|Django|Jenkins|Kafka|Anaconda|Windows 11|Jakarta EE|Vercel|Kubernetes|Docker|
Terraform|Ansible|Helm|Redis|Postgres|PostgreSQL|MySQL|MongoDB|Cassandra|Elasticsearch|Kibana|
Grafana|Prometheus|Jupyter|Flask|FastAPI|Pandas|NumPy|PyTorch|TensorFlow|Keras|Celery|Airflow|
Luigi|Dagster|Spark|Hadoop|Hive|Flink|Storm|Beam|Ruby|Rails|Crystal|Julia|Dart|Flutter|
Elixir|Erlang|Phoenix|Pascal|Ada|Haskell|Swift|Kotlin|Scala|Nim|Zig|Perl|Lua|Java|JavaScript|
TypeScript|React|Angular|Vue|Svelte|Next.js|Nuxt|Node|Deno|Bun|Express|Spring Boot|Hibernate|
Maven|Gradle|Ubuntu|Debian|Fedora|Arch|Mint|CentOS|Alpine|macOS Sonoma|macOS Ventura|Big Sur|
Android|iOS|Heroku|Netlify|Cloudflare|AWS|Azure|GCP|Lambda|S3|EC2|BigQuery|Snowflake|dbt|
Looker|Tableau|Excel|Jira|Confluence|Slack|Teams|Zoom|GitHub|GitLab|Bitbucket|Sentry|Datadog|
Splunk|Nginx|Apache|Tomcat|Jetty|Envoy|Istio|Linkerd|Consul|Vault|Nomad|Packer|Vagrant|
Hugo|Jekyll|Sphinx|MkDocs|Gatsby|Webpack|Vite|Babel|ESLint|Prettier|Jest|Mocha|Cypress|
Selenium|Playwright|Postman|Swagger|OpenAPI|GraphQL|gRPC|Protobuf|Avro|Parquet|Arrow|
Alexa|Siri|Cortana|Gemini|Copilot|ChatGPT|LangChain|LlamaIndex|Presidio|spaCy|Hugging Face|
Mercurial|Subversion|Emacs|Vim|Neovim|VS Code|IntelliJ|PyCharm|Xcode|Eclipse|NetBeans|
Raspberry Pi|Arduino|Kalman filter|Dijkstra's algorithm|Bayes' theorem|Fourier transform|
Markov chain|Bloom filter|Levenshtein distance|Hamming distance|Turing test|Gaussian blur|
Euler's method|Newton's method|Monte Carlo|Nash equilibrium|Pareto front|Boolean logic|
Dunning-Kruger effect|Occam's razor|Murphy's law|Conway's law|Postel's law|Hadamard product
""")
ORGS = items("""
Google|Microsoft|Amazon|Apple|Meta|Netflix|Infosys|Wipro|Tata Consultancy Services|TCS|HCL|
Flipkart|Paytm|Zomato|Swiggy|Reliance|Jumia|Safaricom|MTN|Dangote|Flutterwave|Paystack|Andela|
Samsung|LG|Hyundai|Kakao|Naver|Coupang|Alibaba|Tencent|Baidu|ByteDance|Huawei|Xiaomi|Grab|
Shopee|Gojek|Tokopedia|VinGroup|FPT|Viettel|Toyota|Sony|Rakuten|Ford|Dell|Siemens|Philips|
Boeing|Johnson & Johnson|Procter & Gamble|Goldman Sachs|Morgan Stanley|McDonald's|Deloitte|
KPMG|Accenture|Capgemini|SAP|Oracle|IBM|Intel|Nvidia|AMD|Stripe|Shopify|Atlassian|Canva|
Spotify|Klarna|Revolut|Wise|Monzo|N26|Zalando|Booking.com|Airbnb|Uber|Lyft|Ola|DoorDash|
Walmart|Target|Costco|Unilever|Nestlé|Danone|Heineken|Carlsberg|Maersk|Ericsson|Nokia|Volvo|
the World Bank|the IMF|UNICEF|WHO|Red Cross|Oxfam|Mayo Clinic|Apollo Hospitals|NHS
""")
COMMON_NAMEWORDS = items("""
mark|will|may|grace|hope|joy|faith|rose|iris|summer|august|bill|pat|sue|rob|jack|frank|chase|
hunter|grant|dawn|lily|amber|ruby|sky|daisy|heather|ivy|holly|sterling|penny|sunny|rich|
miles|lane|wade|gene|art|drew|cliff|ray|dean|rusty|royal|victor|major|price|cook|baker|
smith|young|brown|white|green|king|hill|wood|stone|bishop|porter|mason|carter|page|
""")

# ----------------------------------------------------------------------------- word-names
# Given names that are also ordinary English words, by naming tradition: the runtime's list
# (the recognizers read it too).
WORD_GIVEN = {origin: list(names) for origin, names in _WORD_GIVEN.items()}
